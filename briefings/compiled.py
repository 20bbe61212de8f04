"""Compiled Jinja templates, kept in memory for the next build of the same process (no MkDocs).

``briefings serve`` builds the site again after every save, and every build makes
new Jinja environments: MkDocs' for the theme, Briefings' for its own pages and
feeds. Each compiled its ~50 templates again, about 0.3 s of a rebuild. Jinja's
bytecode cache is the hook it offers for this; here it lives in memory only.

Jinja keys compiled code on a template's name, file and source text. The code also
depends on how the environment compiles (delimiters, whitespace control,
autoescaping, extensions such as i18n's newstyle gettext), so that goes into the
key too: one cache can then serve every environment, and a plugin that adds an
extension between two builds gets templates compiled for it.
"""

from __future__ import annotations

import hashlib

from jinja2 import Environment
from jinja2.bccache import Bucket, BytecodeCache

#: Entries kept at most: a site's theme has ~60 templates; editing them in ``serve`` adds new ones.
_LIMIT = 1000


class CompiledTemplates(BytecodeCache):
    """Compiled templates by (name, file, source, how the environment compiles); in memory."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def get_bucket(self, environment: Environment, name: str, filename: str | None, source: str) -> Bucket:
        key = hashlib.sha256(
            f"{self.get_cache_key(name, filename)}\0{_how_it_compiles(environment, name)}".encode()
        ).hexdigest()
        bucket = Bucket(environment, key, self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)  # checks the source checksum: a changed file compiles again

    def dump_bytecode(self, bucket: Bucket) -> None:
        if len(self._code) >= _LIMIT:
            self._code.clear()
        self._code[bucket.key] = bucket.bytecode_to_string()

    def clear(self) -> None:
        self._code.clear()


def _how_it_compiles(env: Environment, name: str) -> str:
    """The environment's settings that its code generator reads (not those read when a template runs)."""
    autoescape = env.autoescape(name) if callable(env.autoescape) else env.autoescape
    finalize = getattr(env.finalize, "__qualname__", repr(env.finalize)) if env.finalize else None
    settings = (
        env.block_start_string,
        env.block_end_string,
        env.variable_start_string,
        env.variable_end_string,
        env.comment_start_string,
        env.comment_end_string,
        env.line_statement_prefix,
        env.line_comment_prefix,
        env.trim_blocks,
        env.lstrip_blocks,
        env.newline_sequence,
        env.keep_trailing_newline,
        env.optimized,
        env.is_async,
        env.sandboxed,
        autoescape,
        finalize,
        getattr(env, "newstyle_gettext", None),
        sorted(env.extensions),
        env.code_generator_class.__qualname__,
    )
    return repr(settings)


#: The one cache of this process: every environment Briefings makes or is given uses it.
COMPILED_TEMPLATES = CompiledTemplates()
