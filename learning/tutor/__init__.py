"""The Bird AI: each student's tutor (chat, providers, safety, offline tutor).

Its tables are learning's (`learning/models/tutor.py`); its code lives here
so a newcomer finds the tutor in one place:

- `services` / `selectors`: writes and reads the views and tasks call;
- `orchestrator`: which provider answers, fallback, usage and cost;
- `providers/`: httpx adapters (OpenAI-compatible, Gemini, Anthropic);
- `prompts`: the system prompt and the bounded message window;
- `safety`: the filter for minors and the learning-integrity rules;
- `offline`: the embedded tutor answering from the student's lessons;
- `busy`: the registry through which assessments says "test in progress".
"""
