import markdown
import pytest

from learning.content import render_markdown, safe_attachments, video_embed_url


def test_markdown_is_rendered():
    html = render_markdown("## Halves\n\n**Share** a chapati")

    assert "<h2>Halves</h2>" in html
    assert "<strong>Share</strong>" in html


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "[click](javascript:alert(1))",
        '<iframe src="https://evil.example"></iframe>',
        '<a href="#" style="color:red" onclick="x()">a</a>',
    ],
)
def test_markdown_drops_scripts_handlers_and_frames(text):
    html = render_markdown(text).lower()

    for bad in ("<script", "onerror", "javascript:", "<iframe", "onclick", "style="):
        assert bad not in html


def test_links_get_a_safe_rel():
    assert 'rel="noopener noreferrer nofollow"' in render_markdown(
        "[KICD](https://kicd.ac.ke)"
    )


@pytest.mark.parametrize(
    ("url", "embed"),
    [
        (
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
        ),
        (
            "https://youtu.be/dQw4w9WgXcQ",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
        ),
        (
            "https://www.youtube.com/embed/dQw4w9WgXcQ",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
        ),
        ("https://vimeo.com/76979871", "https://player.vimeo.com/video/76979871"),
        (
            "https://player.vimeo.com/video/76979871",
            "https://player.vimeo.com/video/76979871",
        ),
    ],
)
def test_allow_listed_videos_become_embeds(url, embed):
    assert video_embed_url(url) == embed


@pytest.mark.parametrize(
    "url",
    [
        None,
        "",
        "https://evil.example/watch?v=dQw4w9WgXcQ",
        "javascript:alert(1)",
        'https://www.youtube.com/watch?v=bad"><script>',
        "https://youtube.com.evil.example/embed/dQw4w9WgXcQ",
        "https://vimeo.com/not-a-number",
        "http://[::1",
    ],
)
def test_other_videos_are_not_embedded(url):
    assert video_embed_url(url) is None


def test_attachments_keep_only_http_links():
    items = [
        {"title": "Worksheet", "url": "https://example.com/w.pdf"},
        {"title": "Bad", "url": "javascript:alert(1)"},
        "https://example.com/notes.pdf",
        42,
    ]

    result = safe_attachments(items)

    assert [(a.title, a.url) for a in result] == [
        ("Worksheet", "https://example.com/w.pdf"),
        ("notes.pdf", "https://example.com/notes.pdf"),
    ]


@pytest.mark.parametrize("src", ["/media/lessons/chapati.png", "figures/chapati.png"])
def test_same_site_images_are_shown(src):
    html = render_markdown(f"![A chapati]({src})")

    assert f'src="{src}"' in html


@pytest.mark.parametrize(
    "src",
    [
        "https://tracker.example/pixel.gif",
        "http://tracker.example/pixel.gif",
        "//tracker.example/pixel.gif",
        "/\\tracker.example/pixel.gif",
        "&#47;&#47;tracker.example/pixel.gif",
        "data:image/gif;base64,R0lGODlhAQABAAAAACw=",
    ],
)
def test_images_from_other_sites_lose_their_source_but_keep_the_alt_text(src):
    html = render_markdown(f'<img src="{src}" alt="A chapati">')

    assert "tracker.example" not in html
    assert "src=" not in html
    assert 'alt="A chapati"' in html


def test_images_from_an_allow_listed_host_are_shown_over_https(settings):
    settings.LESSON_IMAGE_HOSTS = ["cdn.urbanhomeschool.co.ke"]

    allowed = render_markdown("![x](https://cdn.urbanhomeschool.co.ke/a.png)")
    plain_http = render_markdown("![x](http://cdn.urbanhomeschool.co.ke/a.png)")
    lookalike = render_markdown(
        "![x](https://cdn.urbanhomeschool.co.ke.evil.example/a.png)"
    )

    assert 'src="https://cdn.urbanhomeschool.co.ke/a.png"' in allowed
    assert "src=" not in plain_http
    assert "src=" not in lookalike


def test_a_lesson_is_parsed_once_per_worker_then_served_from_memory(monkeypatch):
    calls = []
    real = markdown.markdown
    monkeypatch.setattr(
        markdown, "markdown", lambda text, **kw: calls.append(text) or real(text, **kw)
    )
    text = "## Cached once\nThen *served* from memory."

    first = render_markdown(text)
    second = render_markdown(text)

    assert first == second
    assert "<em>served</em>" in second
    assert calls == [text]


def test_an_edited_lesson_or_allow_list_is_rendered_afresh(settings):
    text = "![map](https://maps.example.org/kenya.png)"
    before = render_markdown(text)

    settings.LESSON_IMAGE_HOSTS = ["maps.example.org"]

    assert "src=" not in before
    assert 'src="https://maps.example.org/kenya.png"' in render_markdown(text)
    assert "Edited" in render_markdown(text + "\n\nEdited")
