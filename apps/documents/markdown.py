"""Text written in Anquan is Markdown, rendered to HTML and then sanitised by nh3 (the Ammonia
sanitiser): whatever the author typed, no script, style, event handler or foreign URL scheme reaches
the page. Raw HTML in the Markdown is escaped before rendering, and cleaned again after."""

import markdown as md
import nh3
from django.utils.safestring import mark_safe

TAGS = {
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "em", "b", "i", "u", "s", "del",
    "ul", "ol", "li", "blockquote", "code", "pre", "table", "thead", "tbody", "tr", "th", "td", "a",
}  # fmt: skip
ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}, "ol": {"start"}}


class _EscapeHtml(md.Extension):
    def extendMarkdown(self, markdown):  # noqa: N802 - the Markdown API's name
        markdown.preprocessors.deregister("html_block")
        markdown.inlinePatterns.deregister("html")


def render_markdown(text: str) -> str:
    html = md.markdown(text or "", extensions=["tables", "sane_lists", _EscapeHtml()], output_format="html")
    return mark_safe(  # noqa: S308 - sanitised by nh3 just here
        nh3.clean(
            html,
            tags=TAGS,
            attributes=ATTRIBUTES,
            url_schemes={"http", "https", "mailto"},
            link_rel="noopener noreferrer",
        )
    )
