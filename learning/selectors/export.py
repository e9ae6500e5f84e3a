"""What the learning app adds to a user's data export."""

from __future__ import annotations

from ..models import AITutor, Certificate, Enrollment


def learning_export(*, users, students) -> dict:
    """Everything the learning app holds about these learners (family export)."""
    enrollments = (
        Enrollment.all_objects.filter(student__in=students)
        .select_related("course", "student")
        .order_by("student__admission_number", "enrolled_at")
    )
    certificates = (
        Certificate.objects.filter(student__in=users)
        .select_related("student")
        .order_by("issued_at")
    )
    tutors = AITutor.objects.filter(student__in=students).select_related("student")
    return {
        "enrollments": [
            {
                "admission_number": e.student.admission_number,
                "course": e.course.title,
                "status": e.status,
                "progress_percentage": str(e.progress_percentage),
                "completed_lessons": e.completed_lessons,
                "total_time_spent_minutes": e.total_time_spent_minutes,
                "current_grade": str(e.current_grade)
                if e.current_grade is not None
                else None,
                "rating": e.rating,
                "review": e.review,
                "enrolled_at": e.enrolled_at.isoformat(),
                "completed_at": e.completed_at.isoformat() if e.completed_at else None,
                "is_deleted": e.is_deleted,
            }
            for e in enrollments
        ],
        "certificates": [
            {
                "serial_number": c.serial_number,
                "student_email": c.student.email,
                "student_name": c.student_name,
                "course_name": c.course_name,
                "grade": c.grade,
                "completion_date": c.completion_date.isoformat(),
                "is_valid": c.is_valid,
            }
            for c in certificates
        ],
        "ai_tutors": [
            {
                "admission_number": t.student.admission_number,
                "name": t.name,
                "total_interactions": t.total_interactions,
                "conversation_history": t.conversation_history,
                "learning_path": t.learning_path,
                "performance_metrics": t.performance_metrics,
            }
            for t in tutors
        ],
    }
