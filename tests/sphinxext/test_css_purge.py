"""The theme's CSS cut to what the site uses (coursekit/sphinxext/css_purge.py): a rule stays when any of
its selectors could match a word of the site; nothing that cannot be judged by its classes is dropped."""
from __future__ import annotations

from coursekit.sphinxext.css_purge import purge, words


def test_rules_for_classes_no_page_or_script_has_are_dropped():
    css = ".used{color:red}.unused{color:blue}#gone{x:1}#here{x:2}"
    assert purge(css, {"used", "here"}) == ".used{color:red}\n#here{x:2}"


def test_a_selector_list_keeps_only_its_matching_selectors():
    assert purge(".a, .b .c, p{margin:0}", {"a"}) == ".a,p{margin:0}"
    assert purge(".b .c, .d{margin:0}", {"b"}) == ""


def test_tags_attributes_pseudo_classes_and_negations_never_drop_a_rule():
    rules = ["html[data-theme=dark] .x:hover::before{a:1}", ".y:not(.nowhere){b:2}", ":root{--c:3}", "a.z:is(.q){d:4}"]
    assert purge("".join(rules), {"x", "y", "z"}) == "\n".join(rules)


def test_nested_blocks_are_trimmed_inside_and_dropped_when_empty():
    css = "@media (min-width:960px){.keep{a:1}.drop{b:2}}@media print{.drop{c:3}}@supports (display:grid){.keep{d:4}}"
    assert purge(css, {"keep"}) == "@media (min-width:960px){.keep{a:1}}\n@supports (display:grid){.keep{d:4}}"


def test_font_faces_keyframes_and_statements_are_kept_whole():
    css = ('@charset "UTF-8";@font-face{font-family:X;src:url(x.woff2)}@keyframes spin{0%{a:1}to{a:2}}'
           ".gone{a:1}")
    assert purge(css, set()) == '@charset "UTF-8";\n@font-face{font-family:X;src:url(x.woff2)}\n@keyframes spin{0%{a:1}to{a:2}}'


def test_comments_and_braces_inside_strings_do_not_confuse_the_split():
    css = '/* .a{} */.a:after{content:"}{"}/* x */.b{c:1}'
    assert purge(css, {"a"}) == '.a:after{content:"}{"}'


def test_escaped_selectors_are_kept_as_they_are():
    assert purge(r".sm\:flex{display:flex}", set()) == r".sm\:flex{display:flex}"


def test_words_are_what_a_class_could_be_in_html_or_scripts():
    assert {"bd-sidebar", "show", "x_1"} <= words('<div class="bd-sidebar">x</div><script>el.classList.add("show");x_1</script>')
