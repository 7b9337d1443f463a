"""The demo site: an original, clearly fictional Korean economic daily for `manage.py load_demo`.

A Django app of the source tree only (the production wheel leaves it out); its command is in
`management/commands/load_demo.py`.

- `world`: the fictional world's facts (sections, reporters, companies, people, the policy rate)
- `stories`: the story templates that write articles over those facts
- `comments`: readers' comment threads
- `drawing`: the photos and profile pictures, drawn with Pillow
- `builder`: writes all of it into the database
"""
