"""Kenyan date and time formats (settings.FORMAT_MODULE_PATH): day first,
24-hour clock, weeks from Monday, in English and Kiswahili alike."""
