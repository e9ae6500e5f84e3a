# Kiswahili pages use the same Kenyan formats as English ones.
from urbanhome.formats.en.formats import *  # noqa: F403
