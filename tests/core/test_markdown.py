from django.template import Context, Template

from steunpunt.core.markdown import render_markdown


def test_markdown_is_rendered_and_sanitised():
    html = render_markdown(
        "# Titel\n\nTekst met **vet** en [een link](https://www.vdab.be).\n\n"
        '<script>alert(1)</script>\n\n<a href="javascript:alert(1)" onclick="x()">klik</a>'
        '\n\n<img src="https://tracker.example/pixel.gif">'
    )
    assert "<h2>Titel</h2>" in html  # the page owns its h1
    assert "<strong>vet</strong>" in html
    assert 'href="https://www.vdab.be"' in html and 'rel="noopener noreferrer"' in html
    assert "<script" not in html and "onclick" not in html
    assert "javascript:" not in html and "<img" not in html


def test_template_filter():
    out = Template("{% load portal %}{{ text|markdown }}").render(
        Context({"text": "- een\n- twee"})
    )
    assert "<ul>" in out and "<li>een</li>" in out
