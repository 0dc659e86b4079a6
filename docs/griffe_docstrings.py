"""A griffe extension for the API reference: matchledger's docstrings as Markdown.

The docstrings are written for ``help()`` and doctest, Google style with a few
reStructuredText habits. Before mkdocstrings renders them, this extension rewrites,
in the rendered copy only (the source is not touched):

* an ``Example:`` section header to ``Examples:``, so that its ``>>>`` lines are shown
  as code rather than as prose (griffe knows only the plural);
* roles such as ``:class:`~matchledger.Ledger``` to links to the object's entry in the
  reference, shown as code (plain code when the object has no entry);
* links written ```text <url>`_`` to Markdown links, and a paragraph's closing ``::``
  to ``:``.

It is loaded by ``mkdocs.yml`` (``extensions`` of the Python handler).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from griffe import Extension, NameResolutionError

if TYPE_CHECKING:
    from griffe import Module, Object

_EXAMPLE = re.compile(r"^(\s*)Example:[ \t]*$", re.MULTILINE)
_ROLE = re.compile(r":(?:class|func|meth|attr|data|mod|exc|obj):`(?P<text>[^`]+)`")
_TITLED = re.compile(r"^(?P<title>.+?)\s*<(?P<target>[^<>]+)>$")
_RST_LINK = re.compile(r"`(?P<text>[^`<>]+?)\s*<(?P<url>https?://[^<>`]+)>`_")
_LITERAL = re.compile(r"(?<=\S)::[ \t]*$", re.MULTILINE)


def _identifier(target: str, obj: Object | None) -> str | None:
    """The full path of a role's target, seen from the object whose docstring names it."""
    if target.startswith("matchledger."):
        return target
    if obj is None:
        return None
    first, _, rest = target.partition(".")
    try:
        path = obj.resolve(first)
    except NameResolutionError:
        return None
    return f"{path}.{rest}" if rest else path


def _role(match: re.Match[str], obj: Object | None) -> str:
    text = match["text"].strip()
    titled = _TITLED.match(text)
    if titled:
        shown, target = titled["title"], titled["target"].strip()
    else:
        target = text.removeprefix("~")
        shown = target.rsplit(".", 1)[-1] if text.startswith("~") else target
    target = target.removesuffix("()")
    identifier = _identifier(target, obj)
    if identifier is None:
        return f"`{shown}`"
    # an optional reference: a link when the object has an entry, plain code otherwise
    return f'<autoref identifier="{identifier}" optional><code>{shown}</code></autoref>'


def markdown(text: str, obj: Object | None) -> str:
    """A docstring's text with the reStructuredText habits turned into Markdown.

    ``obj`` is the object whose docstring it is, to resolve the names roles give
    without their module.

    Examples:
        >>> print(markdown("See :func:`~matchledger.score`::", None))
        See <autoref identifier="matchledger.score" optional><code>score</code></autoref>:
        >>> print(markdown("Needs `hypothesis <https://hypothesis.works>`_.", None))
        Needs [hypothesis](https://hypothesis.works).
        >>> markdown("    Example:", None)
        '    Examples:'
    """
    text = _EXAMPLE.sub(r"\1Examples:", text)
    text = _RST_LINK.sub(r"[\g<text>](\g<url>)", text)
    text = _ROLE.sub(lambda m: _role(m, obj), text)
    return _LITERAL.sub(":", text)


class SphinxToMarkdown(Extension):
    """Rewrites every docstring of a package once it is loaded."""

    def on_package(self, *, pkg: Module, **kwargs: Any) -> None:  # noqa: ARG002 - griffe's hook
        """Rewrite the docstrings of the package and everything in it."""
        seen: set[int] = set()
        stack: list[Object] = [pkg]
        while stack:
            obj = stack.pop()
            if id(obj) in seen:
                continue
            seen.add(id(obj))
            if obj.docstring is not None:
                obj.docstring.value = markdown(obj.docstring.value, obj)
            stack.extend(m for m in obj.members.values() if not m.is_alias)  # type: ignore[misc]
