from django.utils import timezone

import factory
from factory.django import DjangoModelFactory

from accounts.tests.factories import ParentFactory, UserFactory
from forum.models import ForumLike, ForumPost, ForumReply


class ForumPostFactory(DjangoModelFactory):
    class Meta:
        model = ForumPost

    author = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"How do I revise Grade 7 fractions? ({n})")
    content = (
        "My child struggles with mixed fractions. Which strands should we revisit?"
    )
    category = ForumPost.Category.HOMEWORK_HELP
    tags = factory.LazyFunction(lambda: ["mathematics", "grade-7"])

    class Params:
        pinned = factory.Trait(
            is_pinned=True, category=ForumPost.Category.ANNOUNCEMENTS
        )
        solved = factory.Trait(is_solved=True)
        flagged = factory.Trait(is_flagged=True)
        deleted = factory.Trait(
            is_deleted=True, deleted_at=factory.LazyFunction(timezone.now)
        )
        from_parent = factory.Trait(
            author=factory.SubFactory(ParentFactory),
            category=ForumPost.Category.PARENTS_CORNER,
        )


class ForumReplyFactory(DjangoModelFactory):
    class Meta:
        model = ForumReply

    post = factory.SubFactory(ForumPostFactory)
    author = factory.SubFactory(UserFactory)
    content = (
        "Try drawing them as pizza slices first, then convert to improper fractions."
    )

    class Params:
        solution = factory.Trait(is_solution=True)
        deleted = factory.Trait(
            is_deleted=True, deleted_at=factory.LazyFunction(timezone.now)
        )


class ForumLikeFactory(DjangoModelFactory):
    """Likes a post by default; `ForumLikeFactory(on_reply=True)` likes a reply."""

    class Meta:
        model = ForumLike

    user = factory.SubFactory(UserFactory)
    post = factory.SubFactory(ForumPostFactory)
    reply = None

    class Params:
        on_reply = factory.Trait(post=None, reply=factory.SubFactory(ForumReplyFactory))
