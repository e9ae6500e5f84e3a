from django.urls import reverse

import pytest

from forum.models import ForumPost

from .factories import ForumLikeFactory, ForumPostFactory, ForumReplyFactory

pytestmark = pytest.mark.django_db

MODELS = ["forumpost", "forumreply", "forumlike"]


@pytest.fixture
def forum_rows():
    reply = ForumReplyFactory(post__title="Kiswahili insha tips")
    ForumLikeFactory(post=reply.post)
    ForumLikeFactory(reply=reply, post=None)
    ForumPostFactory(deleted=True, title="Spam post")
    return reply


@pytest.mark.parametrize("model", MODELS)
def test_changelist_renders(admin_client, forum_rows, model):
    response = admin_client.get(reverse(f"admin:forum_{model}_changelist"))

    assert response.status_code == 200


@pytest.mark.parametrize("model", MODELS)
def test_changelist_search_renders(admin_client, forum_rows, model):
    response = admin_client.get(
        reverse(f"admin:forum_{model}_changelist"), {"q": "insha"}
    )

    assert response.status_code == 200


@pytest.mark.parametrize("model", MODELS)
def test_add_page_renders(admin_client, model):
    response = admin_client.get(reverse(f"admin:forum_{model}_add"))

    assert response.status_code == 200


def test_change_page_renders_for_a_post(admin_client, forum_rows):
    url = reverse("admin:forum_forumpost_change", args=[forum_rows.post.pk])

    response = admin_client.get(url)

    assert response.status_code == 200


def test_post_changelist_hides_deleted_posts_until_asked(admin_client, forum_rows):
    url = reverse("admin:forum_forumpost_changelist")

    default = admin_client.get(url)
    deleted = admin_client.get(url, {"deleted": "yes"})

    assert "Spam post" not in default.content.decode()
    assert "Spam post" in deleted.content.decode()


def test_admin_delete_soft_deletes_a_post(admin_client, forum_rows):
    post = forum_rows.post
    url = reverse("admin:forum_forumpost_delete", args=[post.pk])

    admin_client.post(url, {"post": "yes"})

    post = ForumPost.all_objects.get(pk=post.pk)
    assert post.is_deleted
    assert post.deleted_at is not None
