"""The application layer: what each command does, over MkDocs and the core.

The click commands (:mod:`briefings.cli`) parse options into a
:class:`briefings.request.BuildRequest` and call these functions; these open the
site with MkDocs, run the core and hand the plugin its request. Dependencies
point one way: ``cli`` → ``app`` → ``plugin`` and the core. Failures are raised
as the :mod:`briefings.errors` family, which prints itself.

* :mod:`.site`: ``mkdocs.yml`` → :class:`Site` (MkDocs config + the core's settings)
* :mod:`.build`: ``check``, ``build`` (staging folder, swapped in on success), ``serve``
* :mod:`.deploy`: ``deploy`` to GitHub Pages
* :mod:`.authoring`: ``new`` and ``import`` (drafts → article files)
* :mod:`.newsletter`: ``email``, the email edition of one briefing (three files, nothing sent)
"""
