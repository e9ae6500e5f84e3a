from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

import pytest

from accounts.tests.factories import UserFactory
from forum.models import ForumLike, ForumPost, ForumReply
from forum.validators import validate_tag_list
from urbanhome.core.softdelete import restore, soft_delete

from .factories import ForumLikeFactory, ForumPostFactory, ForumReplyFactory

pytestmark = pytest.mark.django_db


def test_a_user_cannot_like_the_same_post_twice():
    like = ForumLikeFactory()

    with pytest.raises(IntegrityError, match="uq_user_post_like"), transaction.atomic():
        ForumLike.objects.create(user=like.user, post=like.post)

    assert ForumLike.objects.count() == 1


def test_a_user_cannot_like_the_same_reply_twice():
    like = ForumLikeFactory(on_reply=True)

    with (
        pytest.raises(IntegrityError, match="uq_user_reply_like"),
        transaction.atomic(),
    ):
        ForumLike.objects.create(user=like.user, reply=like.reply)

    assert ForumLike.objects.count() == 1


def test_different_users_may_like_the_same_post():
    like = ForumLikeFactory()

    ForumLikeFactory(post=like.post)

    assert like.post.likes.count() == 2


def test_a_like_needs_a_post_or_a_reply():
    user = UserFactory()

    with pytest.raises(IntegrityError, match="forum_likes_exactly_one_target"):
        with transaction.atomic():
            ForumLike.objects.create(user=user, post=None, reply=None)


def test_a_like_cannot_target_a_post_and_a_reply_at_once():
    reply = ForumReplyFactory()
    like = ForumLike(user=UserFactory(), post=reply.post, reply=reply)

    with pytest.raises(IntegrityError, match="forum_likes_exactly_one_target"):
        with transaction.atomic():
            like.save()


def test_full_clean_reports_a_like_without_target():
    like = ForumLike(user=UserFactory())

    with pytest.raises(ValidationError) as excinfo:
        like.full_clean()

    assert "forum_likes_exactly_one_target" in str(excinfo.value)


def test_post_category_must_be_known():
    with (
        pytest.raises(IntegrityError, match="forum_posts_category_valid"),
        transaction.atomic(),
    ):
        ForumPostFactory(category="gossip")


def test_post_view_count_cannot_go_negative():
    with pytest.raises(IntegrityError, match="forum_posts_view_count_nonneg"):
        with transaction.atomic():
            ForumPostFactory(view_count=-1)


def test_post_tags_must_be_a_json_array_in_the_database():
    with (
        pytest.raises(IntegrityError, match="forum_posts_tags_is_array"),
        transaction.atomic(),
    ):
        ForumPostFactory(tags={"subject": "maths"})


def test_post_defaults_come_from_the_database_too():
    author = UserFactory()

    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO forum_posts (id, author_id, title, content, category)"
            " VALUES (gen_random_uuid(), %s, 'Raw', 'Inserted by hand.', 'general')",
            [author.pk],
        )
    post = ForumPost.objects.get(title="Raw")

    assert (post.is_pinned, post.is_solved, post.is_flagged, post.view_count) == (
        False,
        False,
        False,
        0,
    )
    assert post.tags == [] and post.is_deleted is False
    assert post.last_activity_at is not None and post.created_at is not None


def test_soft_deleted_posts_are_hidden_from_the_default_manager():
    alive = ForumPostFactory()
    gone = ForumPostFactory()

    soft_delete(instance=gone)

    assert list(ForumPost.objects.all()) == [alive]
    assert set(ForumPost.all_objects.all()) == {alive, gone}
    assert ForumPost.all_objects.deleted().get() == gone


def test_restored_post_is_visible_again():
    post = ForumPostFactory(deleted=True)

    restore(instance=post)

    assert ForumPost.objects.get() == post
    assert post.deleted_at is None


def test_soft_deleted_replies_are_hidden_from_the_thread():
    post = ForumPostFactory()
    kept = ForumReplyFactory(post=post)
    ForumReplyFactory(post=post, deleted=True)

    replies = list(post.replies.all())

    assert replies == [kept]
    assert ForumReply.all_objects.filter(post=post).count() == 2


def test_reply_to_a_deleted_post_still_reaches_its_post():
    reply = ForumReplyFactory(post__deleted=True)

    reply = ForumReply.objects.get(pk=reply.pk)

    assert reply.post.is_deleted


def test_deleted_flag_and_time_must_agree():
    with (
        pytest.raises(IntegrityError, match="deleted_at_consistent"),
        transaction.atomic(),
    ):
        ForumReplyFactory(is_deleted=True, deleted_at=None)


def test_a_post_has_at_most_one_live_solution():
    solution = ForumReplyFactory(solution=True)

    with pytest.raises(IntegrityError, match="forum_replies_one_solution_per_post"):
        with transaction.atomic():
            ForumReplyFactory(post=solution.post, solution=True)


def test_a_deleted_solution_does_not_block_a_new_one():
    solution = ForumReplyFactory(solution=True)
    soft_delete(instance=solution)

    ForumReplyFactory(post=solution.post, solution=True)

    assert ForumReply.objects.filter(post=solution.post, is_solution=True).count() == 1


def test_deleting_a_post_cascades_to_replies_and_likes():
    reply = ForumReplyFactory()
    ForumLikeFactory(post=reply.post)
    ForumLikeFactory(reply=reply, post=None)

    reply.post.delete()

    assert not ForumReply.all_objects.exists()
    assert not ForumLike.objects.exists()


@pytest.mark.parametrize("tags", [[], ["mathematics"], ["grade-7", "cbc", "revision"]])
def test_tag_list_validator_accepts_short_distinct_labels(tags):
    validate_tag_list(tags)


@pytest.mark.parametrize(
    ("tags", "code"),
    [
        ("maths", "not_string_list"),
        ([1, 2], "not_string_list"),
        ([f"tag{n}" for n in range(11)], "too_many_tags"),
        (["  "], "bad_tag"),
        (["x" * 51], "bad_tag"),
        (["Maths", "maths"], "duplicate_tag"),
    ],
)
def test_tag_list_validator_rejects_bad_shapes(tags, code):
    with pytest.raises(ValidationError) as excinfo:
        validate_tag_list(tags)

    assert excinfo.value.code == code


def test_full_clean_runs_the_tag_validator():
    post = ForumPostFactory.build(author=UserFactory(), tags=["a", "A"])

    with pytest.raises(ValidationError) as excinfo:
        post.full_clean()

    assert "tags" in excinfo.value.message_dict
