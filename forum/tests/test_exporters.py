import pytest

from accounts.data_export import exports_for
from accounts.tests.factories import ParentFactory, StudentFactory
from forum.exporters import forum_export
from forum.tests.factories import ForumLikeFactory, ForumPostFactory, ForumReplyFactory


def _family_forum_activity(children: int):
    parent = ParentFactory()
    students = [StudentFactory(parent=parent) for _ in range(children)]
    users = [parent, *(s.user for s in students)]
    for user in users:
        post = ForumPostFactory(author=user)
        ForumReplyFactory(author=user, post=post)
        ForumLikeFactory(user=user)
        ForumLikeFactory(user=user, on_reply=True)
    return users, students


@pytest.mark.django_db
def test_forum_exporter_is_registered_from_the_app_config():
    parent = ParentFactory()
    ForumPostFactory(author=parent, title="Fractions help")

    data = exports_for(users=[parent], students=[])

    assert data["forum"]["posts"][0]["title"] == "Fractions help"


@pytest.mark.django_db
def test_forum_export_holds_the_familys_posts_replies_and_likes_only():
    parent = ParentFactory()
    mine = ForumPostFactory(author=parent, title="Our question", deleted=True)
    ForumReplyFactory(
        author=parent,
        post=ForumPostFactory(title="Someone's thread"),
        content="Our answer",
    )
    ForumLikeFactory(user=parent, post=mine)
    ForumPostFactory(title="NOT OURS", content="A stranger's post")
    ForumReplyFactory(post=mine, content="A STRANGER'S REPLY")

    data = forum_export(users=[parent], students=[])

    assert [(p["title"], p["is_deleted"]) for p in data["posts"]] == [
        ("Our question", True)
    ]
    assert [(r["content"], r["thread_title"]) for r in data["replies"]] == [
        ("Our answer", "Someone's thread")
    ]
    assert [(lk["liked"], lk["thread_title"]) for lk in data["likes"]] == [
        ("post", "Our question")
    ]
    assert "STRANGER" not in str(data)


@pytest.mark.django_db
def test_forum_export_queries_do_not_grow_with_the_family(django_assert_num_queries):
    users, students = _family_forum_activity(children=4)

    with django_assert_num_queries(3):
        data = forum_export(users=users, students=students)

    assert (len(data["posts"]), len(data["replies"]), len(data["likes"])) == (5, 5, 10)
