from django import template

from ..markdown import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text):
    """{{ page.body|markdown }}: coordinator Markdown as sanitised HTML."""
    return render_markdown(text)
