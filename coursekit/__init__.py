"""coursekit: quizzes, timelines and exercise tooling for the course's Jupyter Book."""
from .widgets.quiz import Quiz, show_quizzes
from .widgets.timeline import Timeline

__all__ = ["Quiz", "Timeline", "show_quizzes"]
__version__ = "0.1.0"
