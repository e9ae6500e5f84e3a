import threading
import time
from datetime import timedelta

from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone

import pytest

from accounts.models import Notification, Student
from accounts.tests.factories import ParentFactory, StaffFactory, StudentFactory
from forum.models import ForumLike, ForumPost, ForumReply
from forum.services import (
    like_toggle,
    post_action_url,
    post_create,
    reply_create,
    reply_mark_solution,
)

from .factories import ForumLikeFactory, ForumPostFactory, ForumReplyFactory


def _codes(excinfo) -> list[str]:
    error = excinfo.value
    if hasattr(error, "error_dict"):
        return [e.code for errors in error.error_dict.values() for e in errors]
    return [e.code for e in error.error_list]


def _child(access: str):
    return StudentFactory(forum_access=access).user


def _create_post(**overrides) -> ForumPost:
    kwargs = {
        "author": overrides.pop("author", None) or ParentFactory(),
        "title": "Grade 7 fractions",
        "content": "<p>Which strands should we revisit?</p>",
        "category": ForumPost.Category.HOMEWORK_HELP,
    }
    return post_create(**{**kwargs, **overrides})


# --------------------------------------------------------------- post_create
@pytest.mark.django_db
def test_post_create_stores_the_post():
    author = ParentFactory()

    post = post_create(
        author=author,
        title="  Grade 7 fractions  ",
        content="<p>Which <strong>strands</strong>?</p>",
        category=ForumPost.Category.HOMEWORK_HELP,
        tags=(" maths ", "grade-7"),
    )

    post.refresh_from_db()
    assert post.author == author
    assert post.title == "Grade 7 fractions"
    assert post.content == "<p>Which <strong>strands</strong>?</p>"
    assert post.category == "homework-help"
    assert post.tags == ["maths", "grade-7"]
    assert not post.is_solved


@pytest.mark.django_db
def test_post_create_puts_the_title_on_one_line():
    post = _create_post(title="Fractions\r\nSubject: spam\n  help")

    assert post.title == "Fractions Subject: spam help"


@pytest.mark.django_db
def test_post_create_refuses_a_blank_title():
    with pytest.raises(ValidationError) as excinfo:
        _create_post(title=" \n\t ")

    assert "blank" in _codes(excinfo)
    assert not ForumPost.all_objects.exists()


@pytest.mark.django_db
def test_post_create_refuses_an_unknown_category():
    with pytest.raises(ValidationError) as excinfo:
        _create_post(category="gossip")

    assert "invalid_choice" in _codes(excinfo)
    assert not ForumPost.all_objects.exists()


@pytest.mark.django_db
def test_post_create_refuses_repeated_tags():
    with pytest.raises(ValidationError) as excinfo:
        _create_post(tags=["maths", " Maths"])

    assert "duplicate_tag" in _codes(excinfo)
    assert not ForumPost.all_objects.exists()


@pytest.mark.django_db
def test_post_create_strips_scripts_event_handlers_and_javascript_links():
    post = _create_post(
        content=(
            '<p onclick="steal()">Hi<script>alert(1)</script></p>'
            '<img src="x" onerror="alert(2)">'
            '<a href="javascript:alert(3)">click</a>'
            '<a href="java&#x09;script:alert(4)">again</a>'
            '<iframe src="https://evil.example"></iframe>'
        )
    )

    post.refresh_from_db()
    assert post.content == (
        '<p>Hi</p><a rel="nofollow noopener">click</a><a rel="nofollow noopener">again</a>'
    )
    for bad in ("script", "onerror", "onclick", "javascript", "alert", "img", "iframe"):
        assert bad not in post.content


@pytest.mark.django_db
def test_post_create_keeps_safe_markup_and_marks_links_nofollow():
    post = _create_post(
        content=(
            "<blockquote>Quote</blockquote><ul><li><em>one</em></li></ul>"
            "<pre><code>1/2 + 1/4</code></pre>"
            '<a href="https://kicd.ac.ke/cbc" target="_blank" rel="opener">KICD</a>'
            '<a href="/local">relative</a><a href="mailto:x@example.com">mail</a>'
        )
    )

    assert post.content == (
        "<blockquote>Quote</blockquote><ul><li><em>one</em></li></ul>"
        "<pre><code>1/2 + 1/4</code></pre>"
        '<a href="https://kicd.ac.ke/cbc" rel="nofollow noopener">KICD</a>'
        '<a rel="nofollow noopener">relative</a><a rel="nofollow noopener">mail</a>'
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "content",
    ["", "   ", "<p> &nbsp; <br></p>", "<script>alert(1)</script>", "<img src=x>"],
)
def test_post_create_refuses_content_empty_after_sanitising(content):
    with pytest.raises(ValidationError) as excinfo:
        _create_post(content=content)

    assert _codes(excinfo) == ["empty_content"]
    assert not ForumPost.all_objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("access", [Student.ForumAccess.READ, Student.ForumAccess.NONE])
def test_post_create_refuses_a_child_without_posting_access(access):
    child = _child(access)

    with pytest.raises(ValidationError) as excinfo:
        _create_post(author=child)

    assert _codes(excinfo) == ["forum_not_allowed"]
    assert not ForumPost.all_objects.exists()


@pytest.mark.django_db
def test_post_create_accepts_a_child_allowed_to_post():
    child = _child(Student.ForumAccess.POST)

    post = _create_post(author=child)

    assert post.author == child


@pytest.mark.django_db
@pytest.mark.parametrize(
    "state", [{"is_active": False}, {"is_deleted": True, "deleted_at": timezone.now()}]
)
def test_post_create_refuses_an_inactive_or_deleted_author(state):
    author = ParentFactory(**state)

    with pytest.raises(ValidationError) as excinfo:
        _create_post(author=author)

    assert _codes(excinfo) == ["forum_not_allowed"]
    assert not ForumPost.all_objects.exists()


# -------------------------------------------------------------- reply_create
@pytest.mark.django_db
def test_reply_create_stores_the_reply_and_bumps_the_thread():
    old = timezone.now() - timedelta(days=3)
    post = ForumPostFactory(author=ParentFactory(), last_activity_at=old)
    author = ParentFactory()

    reply = reply_create(post=post, author=author, content="Try <em>pizza</em> slices.")

    reply.refresh_from_db()
    post.refresh_from_db()
    assert reply.post == post
    assert reply.author == author
    assert reply.content == "Try <em>pizza</em> slices."
    assert not reply.is_solution
    assert post.last_activity_at > old


@pytest.mark.django_db
def test_reply_create_notifies_and_emails_the_post_author(
    django_capture_on_commit_callbacks,
):
    post = ForumPostFactory(author=ParentFactory(email="mama@example.co.ke"))

    with django_capture_on_commit_callbacks(execute=True):
        reply = reply_create(post=post, author=ParentFactory(), content="Pizza slices.")

    notification = Notification.objects.get()
    assert notification.user == post.author
    assert notification.type == "forum"
    assert notification.title == "New reply to your post"
    assert post.title in notification.message
    # No forum pages yet: no link that would 404 (see the urls test below).
    assert notification.action_url is None
    assert notification.metadata["post_id"] == str(post.pk)
    assert notification.metadata["reply_id"] == str(reply.pk)
    assert [m.to for m in mail.outbox] == [["mama@example.co.ke"]]


@pytest.mark.django_db
def test_reply_create_does_not_notify_the_author_of_their_own_reply(
    django_capture_on_commit_callbacks,
):
    post = ForumPostFactory(author=ParentFactory())

    with django_capture_on_commit_callbacks(execute=True):
        reply_create(post=post, author=post.author, content="Update: solved it myself.")

    assert ForumReply.objects.filter(post=post).count() == 1
    assert not Notification.objects.exists()
    assert not mail.outbox


@pytest.mark.django_db
@pytest.mark.parametrize(
    "state", [{"is_active": False}, {"is_deleted": True, "deleted_at": timezone.now()}]
)
def test_reply_create_does_not_notify_an_inactive_or_deleted_post_author(state):
    post = ForumPostFactory(author=ParentFactory(**state))

    reply_create(post=post, author=ParentFactory(), content="Pizza slices.")

    assert ForumReply.objects.filter(post=post).count() == 1
    assert not Notification.objects.exists()


@pytest.mark.django_db
def test_reply_create_refuses_a_deleted_post():
    old = timezone.now() - timedelta(days=3)
    post = ForumPostFactory(deleted=True, last_activity_at=old)

    with pytest.raises(ValidationError) as excinfo:
        reply_create(post=post, author=ParentFactory(), content="Anyone?")

    assert _codes(excinfo) == ["post_unavailable"]
    post.refresh_from_db()
    assert post.last_activity_at == old
    assert not ForumReply.all_objects.exists()
    assert not Notification.objects.exists()


@pytest.mark.django_db
def test_reply_create_refuses_a_child_with_read_only_access():
    old = timezone.now() - timedelta(days=3)
    post = ForumPostFactory(last_activity_at=old)

    with pytest.raises(ValidationError) as excinfo:
        reply_create(
            post=post, author=_child(Student.ForumAccess.READ), content="Me too!"
        )

    assert _codes(excinfo) == ["forum_not_allowed"]
    post.refresh_from_db()
    assert post.last_activity_at == old
    assert not ForumReply.all_objects.exists()
    assert not Notification.objects.exists()


@pytest.mark.django_db
def test_reply_create_sanitises_the_content():
    post = ForumPostFactory()

    reply = reply_create(
        post=post,
        author=ParentFactory(),
        content=(
            '<p>See <a href="http://example.com" onmouseover="x()">this</a></p>'
            "<script>x()</script>"
        ),
    )

    assert reply.content == (
        '<p>See <a href="http://example.com" rel="nofollow noopener">this</a></p>'
    )


@pytest.mark.django_db
def test_reply_create_refuses_content_empty_after_sanitising():
    post = ForumPostFactory()

    with pytest.raises(ValidationError) as excinfo:
        reply_create(
            post=post, author=ParentFactory(), content="<p><script>x()</script></p>"
        )

    assert _codes(excinfo) == ["empty_content"]
    assert not ForumReply.all_objects.exists()
    assert not Notification.objects.exists()


# ------------------------------------------------------- reply_mark_solution
@pytest.mark.django_db
def test_reply_mark_solution_marks_the_reply_and_solves_the_post(
    django_capture_on_commit_callbacks,
):
    post = ForumPostFactory(author=ParentFactory())
    reply = ForumReplyFactory(
        post=post, author=ParentFactory(email="helper@example.co.ke")
    )

    with django_capture_on_commit_callbacks(execute=True):
        reply_mark_solution(reply=reply, user=post.author)

    reply.refresh_from_db()
    post.refresh_from_db()
    assert reply.is_solution
    assert post.is_solved
    notification = Notification.objects.get()
    assert notification.user == reply.author
    assert notification.type == "forum"
    assert notification.title == "Your reply was marked as the solution"
    assert notification.action_url == post_action_url(post)
    assert [m.to for m in mail.outbox] == [["helper@example.co.ke"]]


@pytest.mark.urls("forum.tests.urls_with_pages")
def test_post_action_url_links_the_thread_once_the_forum_has_pages():
    post = ForumPostFactory.build()

    assert post_action_url(post) == f"/forum/posts/{post.pk}/"


def test_post_action_url_is_none_while_the_forum_has_no_pages():
    assert post_action_url(ForumPostFactory.build()) is None


@pytest.mark.django_db
def test_reply_mark_solution_moves_the_solution_to_the_new_reply():
    post = ForumPostFactory(author=ParentFactory(), solved=True)
    previous = ForumReplyFactory(post=post, solution=True)
    other = ForumReplyFactory(post=post)

    reply_mark_solution(reply=other, user=post.author)

    previous.refresh_from_db()
    other.refresh_from_db()
    assert not previous.is_solution
    assert other.is_solution
    assert ForumReply.objects.filter(post=post, is_solution=True).count() == 1


@pytest.mark.django_db
def test_reply_mark_solution_clears_a_deleted_replys_old_mark():
    post = ForumPostFactory(author=ParentFactory(), solved=True)
    deleted = ForumReplyFactory(post=post, solution=True, deleted=True)
    other = ForumReplyFactory(post=post)

    reply_mark_solution(reply=other, user=post.author)

    deleted.refresh_from_db()
    assert not deleted.is_solution


@pytest.mark.django_db
def test_reply_mark_solution_twice_changes_nothing_and_notifies_once():
    post = ForumPostFactory(author=ParentFactory())
    reply = ForumReplyFactory(post=post, author=ParentFactory())

    reply_mark_solution(reply=reply, user=post.author)
    reply_mark_solution(reply=reply, user=post.author)

    assert ForumReply.objects.filter(post=post, is_solution=True).count() == 1
    assert Notification.objects.count() == 1


@pytest.mark.django_db
def test_staff_may_mark_a_solution():
    post = ForumPostFactory(author=ParentFactory())
    reply = ForumReplyFactory(post=post)

    reply_mark_solution(reply=reply, user=StaffFactory())

    reply.refresh_from_db()
    assert reply.is_solution


@pytest.mark.django_db
def test_reply_mark_solution_does_not_notify_the_post_author_of_their_own_reply():
    post = ForumPostFactory(author=ParentFactory())
    reply = ForumReplyFactory(post=post, author=post.author)

    reply_mark_solution(reply=reply, user=post.author)

    reply.refresh_from_db()
    assert reply.is_solution
    assert not Notification.objects.exists()


@pytest.mark.django_db
def test_reply_mark_solution_refuses_someone_else():
    post = ForumPostFactory(author=ParentFactory())
    reply = ForumReplyFactory(post=post)

    with pytest.raises(ValidationError) as excinfo:
        reply_mark_solution(reply=reply, user=reply.author)

    assert _codes(excinfo) == ["solution_not_allowed"]
    reply.refresh_from_db()
    post.refresh_from_db()
    assert not reply.is_solution
    assert not post.is_solved
    assert not Notification.objects.exists()


@pytest.mark.django_db
def test_reply_mark_solution_refuses_a_post_author_without_posting_access():
    child = _child(Student.ForumAccess.READ)
    post = ForumPostFactory(author=child)
    reply = ForumReplyFactory(post=post)

    with pytest.raises(ValidationError) as excinfo:
        reply_mark_solution(reply=reply, user=child)

    assert _codes(excinfo) == ["forum_not_allowed"]
    reply.refresh_from_db()
    assert not reply.is_solution


@pytest.mark.django_db
def test_reply_mark_solution_refuses_a_deleted_reply():
    post = ForumPostFactory(author=ParentFactory())
    reply = ForumReplyFactory(post=post, deleted=True)

    with pytest.raises(ValidationError) as excinfo:
        reply_mark_solution(reply=reply, user=post.author)

    assert _codes(excinfo) == ["reply_unavailable"]
    reply.refresh_from_db()
    post.refresh_from_db()
    assert not reply.is_solution
    assert not post.is_solved


@pytest.mark.django_db
def test_reply_mark_solution_refuses_a_reply_of_a_deleted_post():
    post = ForumPostFactory(author=ParentFactory(), deleted=True)
    reply = ForumReplyFactory(post=post)

    with pytest.raises(ValidationError) as excinfo:
        reply_mark_solution(reply=reply, user=post.author)

    assert _codes(excinfo) == ["post_unavailable"]
    reply.refresh_from_db()
    assert not reply.is_solution


# ---------------------------------------------------------------- like_toggle
@pytest.mark.django_db
def test_like_toggle_likes_then_unlikes_a_post():
    user = ParentFactory()
    post = ForumPostFactory()

    first = like_toggle(user=user, post=post)
    after_first = ForumLike.objects.filter(user=user, post=post).count()
    second = like_toggle(user=user, post=post)

    assert (first, after_first) == (True, 1)
    assert second is False
    assert not ForumLike.objects.exists()


@pytest.mark.django_db
def test_like_toggle_likes_then_unlikes_a_reply():
    user = ParentFactory()
    reply = ForumReplyFactory()

    first = like_toggle(user=user, reply=reply)
    after_first = ForumLike.objects.filter(user=user, reply=reply, post=None).count()
    second = like_toggle(user=user, reply=reply)

    assert (first, after_first) == (True, 1)
    assert second is False
    assert not ForumLike.objects.exists()


@pytest.mark.django_db
def test_like_toggle_leaves_other_users_likes_alone():
    like = ForumLikeFactory()
    user = ParentFactory()

    like_toggle(user=user, post=like.post)
    like_toggle(user=user, post=like.post)

    assert list(ForumLike.objects.all()) == [like]


@pytest.mark.django_db
@pytest.mark.parametrize("both", [True, False])
def test_like_toggle_needs_exactly_one_target(both):
    reply = ForumReplyFactory()
    target = {"post": reply.post, "reply": reply} if both else {}

    with pytest.raises(ValidationError) as excinfo:
        like_toggle(user=ParentFactory(), **target)

    assert _codes(excinfo) == ["invalid_like_target"]
    assert not ForumLike.objects.exists()


@pytest.mark.django_db
def test_like_toggle_refuses_a_child_with_read_only_access():
    post = ForumPostFactory()

    with pytest.raises(ValidationError) as excinfo:
        like_toggle(user=_child(Student.ForumAccess.READ), post=post)

    assert _codes(excinfo) == ["forum_not_allowed"]
    assert not ForumLike.objects.exists()


@pytest.mark.django_db
def test_like_toggle_refuses_a_deleted_post():
    post = ForumPostFactory(deleted=True)

    with pytest.raises(ValidationError) as excinfo:
        like_toggle(user=ParentFactory(), post=post)

    assert _codes(excinfo) == ["post_unavailable"]
    assert not ForumLike.objects.exists()


@pytest.mark.django_db
def test_like_toggle_refuses_a_deleted_reply():
    reply = ForumReplyFactory(deleted=True)

    with pytest.raises(ValidationError) as excinfo:
        like_toggle(user=ParentFactory(), reply=reply)

    assert _codes(excinfo) == ["reply_unavailable"]
    assert not ForumLike.objects.exists()


@pytest.mark.django_db
def test_like_toggle_refuses_a_reply_in_a_deleted_post():
    reply = ForumReplyFactory(post=ForumPostFactory(deleted=True))

    with pytest.raises(ValidationError) as excinfo:
        like_toggle(user=ParentFactory(), reply=reply)

    assert _codes(excinfo) == ["post_unavailable"]
    assert not ForumLike.objects.exists()


# ---------------------------------------------------------------------- races
def _run_in_threads(first, second) -> dict:
    """Run `first` inside a transaction held open while `second` starts.

    `first` acts, signals, then keeps its transaction open for a moment, so
    `second` reads before `first` commits and then collides with it.
    """
    results: dict = {}
    first_acted = threading.Event()

    def run_first():
        try:
            with transaction.atomic():
                results["first"] = first()
                first_acted.set()
                time.sleep(0.5)
        except Exception as error:  # noqa: BLE001 - reported to the test
            results["first"] = error
        finally:
            first_acted.set()
            connection.close()

    def run_second():
        try:
            first_acted.wait(timeout=5)
            results["second"] = second()
        except Exception as error:  # noqa: BLE001 - reported to the test
            results["second"] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run_first), threading.Thread(target=run_second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    return results


@pytest.mark.django_db(transaction=True)
def test_parallel_like_toggles_collide_on_the_constraint_without_an_error():
    user = ParentFactory()
    post = ForumPostFactory()

    results = _run_in_threads(
        lambda: like_toggle(user=user, post=post),
        lambda: like_toggle(user=user, post=post),
    )

    # The second toggle hit uq_user_post_like and ended as if run after the
    # first: like, then unlike.
    assert results == {"first": True, "second": False}
    assert not ForumLike.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_parallel_reply_like_toggles_collide_on_the_constraint_without_an_error():
    user = ParentFactory()
    reply = ForumReplyFactory()

    results = _run_in_threads(
        lambda: like_toggle(user=user, reply=reply),
        lambda: like_toggle(user=user, reply=reply),
    )

    assert results == {"first": True, "second": False}
    assert not ForumLike.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_parallel_solution_marks_leave_one_solution():
    post = ForumPostFactory(author=ParentFactory())
    first_reply, second_reply = (
        ForumReplyFactory(post=post),
        ForumReplyFactory(post=post),
    )

    results = _run_in_threads(
        lambda: reply_mark_solution(reply=first_reply, user=post.author),
        lambda: reply_mark_solution(reply=second_reply, user=post.author),
    )

    assert not any(isinstance(r, Exception) for r in results.values()), results
    assert list(ForumReply.objects.filter(is_solution=True)) == [second_reply]
    post.refresh_from_db()
    assert post.is_solved
