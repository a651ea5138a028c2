"""DEV-style Markdown cases, written the way DEV writers write, for the Redcarpet comparison.

Each case is ``(name, markdown)``. ``HANDWRITTEN`` are single snippets by theme; ``combined()``
crosses the list shapes writers use (what comes before the list, the marker, nesting indent,
tight or loose, what an item holds) so each shape is tried in each setting.
"""

from __future__ import annotations

from itertools import product

HANDWRITTEN: list[tuple[str, str]] = [
    # --- lists right after a line of text (lax spacing) --------------------------------------
    ("list after text", "Here is what I did:\n- Installed Node\n- Ran the script\n"),
    ("star list after text", "Steps:\n* first\n* second\n"),
    ("plus list after text", "Steps:\n+ first\n+ second\n"),
    ("numbered after text", "To reproduce:\n1. Clone the repo\n2. Run `npm test`\n"),
    ("numbered from 3 after text", "And then:\n3. Deploy\n4. Celebrate\n"),
    ("numbered paren after text", "Options:\n1) fast\n2) cheap\n"),
    ("list after bold line", "**Pros:**\n- fast\n- simple\n\n**Cons:**\n- new\n"),
    ("list after colon and blank", "Prerequisites:\n\n- Python 3.11\n- Docker\n"),
    ("list then text no blank", "- one\n- two\nAnd that was it.\n"),
    ("list after heading", "## Setup\n- clone\n- install\n"),
    ("two lists different markers", "- a\n- b\n\n* c\n* d\n"),
    ("list after emoji line", "Things I love :heart:\n- coffee\n- code\n"),
    ("list after link line", "Read [the docs](https://example.com/docs):\n- intro\n- api\n"),
    ("list after text with continuation", "Here:\n- first item\n  continues here\n- second\n"),
    ("numbered after text then para", "Do this:\n1. one\n2. two\n\nDone.\n"),
    (
        "list after long paragraph",
        "I spent a week on this and learned a lot.\nHere is the summary:\n- logs\n- metrics\n- traces\n",
    ),
    # --- nesting ------------------------------------------------------------------------------
    ("nested two spaces", "- Frontend\n  - React\n  - Vue\n- Backend\n  - Go\n"),
    ("nested four spaces", "- Frontend\n    - React\n    - Vue\n- Backend\n"),
    ("nested three levels by two", "- a\n  - b\n    - c\n"),
    ("nested three levels by four", "- a\n    - b\n        - c\n"),
    ("numbered with nested bullets", "1. Install\n   - brew\n   - apt\n2. Configure\n"),
    ("numbered nested by two", "1. Install\n  - brew\n  - apt\n2. Configure\n"),
    ("bullets nested numbered", "- Plan\n  1. research\n  2. write\n- Ship\n"),
    ("nested after text", "My stack:\n- Frontend\n  - React\n- Backend\n  - Go\n"),
    ("nested by tab", "- a\n\t- b\n- c\n"),
    ("nested one space", "- a\n - b\n- c\n"),
    # --- loose and tight items, items with paragraphs and code -------------------------------
    ("loose list", "- one\n\n- two\n\n- three\n"),
    ("loose numbered", "1. one\n\n2. two\n"),
    ("item with paragraph by four", "- Step one\n\n    More about step one.\n\n- Step two\n"),
    ("item with paragraph by two", "- Step one\n\n  More about step one.\n\n- Step two\n"),
    ("item with paragraph by three", "1. Step one\n\n   More about step one.\n\n2. Step two\n"),
    (
        "item with fence by four",
        "- Run this:\n\n    ```bash\n    npm install\n    ```\n\n- Then this\n",
    ),
    ("item with fence by two", "- Run this:\n\n  ```bash\n  npm install\n  ```\n- Then this\n"),
    ("item with fence no blank", "- Run this:\n  ```bash\n  npm install\n  ```\n- Then this\n"),
    ("item with indented code", "- Example:\n\n        code here\n\n- next\n"),
    ("fence right after list", "- install\n\n```bash\nnpm i\n```\n"),
    ("item with quote", "- Quote:\n  > wise words\n- next\n"),
    ("list after text with paragraph item", "Steps:\n- one\n- two\n\n    more on two\n"),
    ("list after text indented para by two", "Steps:\n- one\n- two\n\n  more on two\n"),
    ("task list", "- [x] done\n- [ ] todo\n"),
    ("empty item", "- a\n-\n- c\n"),
    # --- numbers at the start of items --------------------------------------------------------
    ("bullet item starting with number", "- 1. Copy the template\n- 2. Fill it in\n"),
    ("bullet items starting with numbers in a loose list", "- 1. Copy\n- 2. Paste\n\n- 3. Save\n"),
    ("bullet item starting with number paren", "- 1) Copy\n- 2) Paste\n"),
    ("bullet item starting with year", "- 2024. A good year\n- 2025. Better\n"),
    ("numbered item starting with dash", "1. - weird\n2. - items\n"),
    ("bullet item starting with hash", "- # not a heading\n- ## nor this\n"),
    ("bullet item starting with quote", "- > not a quote\n"),
    ("bullet item with number mid text", "- Version 2. Released today\n"),
    ("numbered list with big numbers", "10. ten\n11. eleven\n"),
    ("number dot at line start in para", "I have\n2024. was great\n"),
    # --- bare URLs ---------------------------------------------------------------------------
    ("bare url", "Code: https://github.com/forem/forem\n"),
    ("bare url end of sentence", "See https://dev.to/about.\n"),
    ("bare url comma", "Links: https://a.dev/x, https://b.dev/y, done\n"),
    ("bare url in parentheses", "The repo (https://github.com/org/repo) has it.\n"),
    ("bare url with parentheses inside", "Wiki: https://en.wikipedia.org/wiki/Foo_(bar) ok\n"),
    ("bare url question mark", "Did you see https://dev.to?\n"),
    ("bare url exclamation", "Go to https://dev.to!\n"),
    ("bare url with query", "Search https://example.com/s?q=a&b=c now\n"),
    ("bare url with fragment", "Anchor https://example.com/page#part here\n"),
    ("www url", "Visit www.example.com for more\n"),
    ("http url", "Old: http://example.org/page\n"),
    ("email", "Mail me at jane@example.com please\n"),
    ("url in quotes", 'He said "https://example.com" twice\n'),
    ("url after colon no space", "link:https://example.com\n"),
    ("url at line start", "https://example.com/start\nnext line\n"),
    ("url in list", "- https://one.example\n- https://two.example\n"),
    ("url in heading", "## Resources https://example.com\n"),
    ("bare domain", "I use example.com daily\n"),
    ("url with trailing semicolon", "see https://example.com/a;\n"),
    ("url trailing quote", "see 'https://example.com/a'\n"),
    ("url in code span", "Run `curl https://example.com`\n"),
    ("url in fence", "```\nhttps://example.com\n```\n"),
    ("markdown link and bare url", "[docs](https://a.dev) and https://b.dev\n"),
    ("angle autolink", "<https://example.com>\n"),
    ("ftp url", "Files: ftp://files.example.com/pub\n"),
    ("javascript url", "Click javascript:alert(1) now\n"),
    ("javascript link", "[click](javascript:alert(1))\n"),
    ("data url", "See data:text/html,hello there\n"),
    # --- struck text -------------------------------------------------------------------------
    ("strike", "This is ~~wrong~~ right.\n"),
    ("strike two words", "~~old way~~ new way\n"),
    ("single tilde", "~not struck~ here\n"),
    ("strike in list", "- ~~done~~\n- todo\n"),
    ("strike with emphasis", "~~*both*~~ styles\n"),
    ("tilde approx", "It takes ~5 minutes and ~10 MB\n"),
    # --- footnotes ---------------------------------------------------------------------------
    ("footnote", "A claim[^1].\n\n[^1]: The source.\n"),
    ("two footnotes", "One[^a] and two[^b].\n\n[^a]: First.\n[^b]: Second.\n"),
    ("footnote named", "Text[^note].\n\n[^note]: A named note.\n"),
    ("footnote unused definition", "Text.\n\n[^1]: Unused.\n"),
    ("footnote missing definition", "Text[^9].\n"),
    ("footnote in list", "- item[^1]\n\n[^1]: Why.\n"),
    # --- intra-word emphasis -----------------------------------------------------------------
    ("snake case", "Call snake_case_name here\n"),
    ("stars in math", "Compute 2*3*4 now\n"),
    ("underscore words", "my_var and _private and __dunder__\n"),
    ("emphasis normal", "This is *important* and _also_ this\n"),
    ("strong normal", "This is **bold** and __also__ bold\n"),
    ("strong intraword", "foo**bar**baz\n"),
    ("emphasis intraword underscore", "foo_bar_baz\n"),
    ("star alone", "5 * 3 = 15\n"),
    ("emphasis across words", "*a few words* here\n"),
    ("strong and em", "***very*** important\n"),
    ("file glob", "match *.js and *.ts files\n"),
    ("emphasis with punctuation", "*Note:* read this\n"),
    # --- tables ------------------------------------------------------------------------------
    ("table with pipes", "| a | b |\n|---|---|\n| 1 | 2 |\n"),
    ("table without outer pipes", "a | b\n--|--\n1 | 2\n"),
    ("table aligned", "| left | center | right |\n|:-----|:------:|------:|\n| 1 | 2 | 3 |\n"),
    ("table with inline", "| name | code |\n|---|---|\n| **x** | `y` |\n"),
    ("table after text", "Results:\n| a | b |\n|---|---|\n| 1 | 2 |\n"),
    ("table after blank", "Results:\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"),
    ("table with link", "| site | url |\n|---|---|\n| DEV | https://dev.to |\n"),
    ("table missing cells", "| a | b | c |\n|---|---|---|\n| 1 |\n"),
    ("table one column", "| only |\n|---|\n| one |\n"),
    ("pipes not a table", "a | b\nc | d\n"),
    # --- headings ----------------------------------------------------------------------------
    ("heading no space", "#Heading\ntext\n"),
    ("h2 no space", "##Setup\nsteps\n"),
    ("heading after text no blank", "Some text\n## Next\nmore\n"),
    ("heading closing hashes", "## Title ##\n"),
    ("setext h1", "Title\n=====\n\ntext\n"),
    ("setext h2", "Title\n-----\n\ntext\n"),
    ("heading with emphasis", "## The *real* fix\n"),
    ("heading with code", "## Using `git rebase`\n"),
    ("heading levels", "# One\n## Two\n### Three\n#### Four\n"),
    ("hashtag in text", "I love #javascript and #python\n"),
    ("heading then list", "### Tools\n- vim\n- tmux\n"),
    ("seven hashes", "####### too deep\n"),
    ("heading indented", "  ## Indented\n"),
    ("emoji heading", "## :rocket: Launch\n"),
    # --- HTML blocks -------------------------------------------------------------------------
    ("html block div", "<div>\nHello\n</div>\n"),
    ("html details", "<details>\n<summary>More</summary>\n\nHidden text\n\n</details>\n"),
    ("html img line", '<img src="https://example.com/a.png" alt="A">\n'),
    ("inline html", "Press <kbd>Ctrl</kbd>+<kbd>C</kbd>\n"),
    ("html comment", "Before\n\n<!-- a note -->\n\nAfter\n"),
    ("html center", "<center>Centered</center>\n"),
    ("html br in text", "line one<br>line two\n"),
    ("html block after text", "Text\n<div>block</div>\n"),
    ("html iframe", '<iframe src="https://example.com"></iframe>\n'),
    ("html table", "<table><tr><td>x</td></tr></table>\n"),
    ("html sup", "E = mc<sup>2</sup>\n"),
    # --- code --------------------------------------------------------------------------------
    ("fence js", "```js\nconst a = 1;\n```\n"),
    ("fence tilde", "~~~python\nprint(1)\n~~~\n"),
    ("fence after text", "Run:\n```bash\nnpm i\n```\n"),
    ("fence unclosed", "```\ncode forever\n"),
    ("fence with blank lines", "```\na\n\nb\n```\n"),
    ("indented code", "Text\n\n    indented code\n    more\n\nAfter\n"),
    ("indented code after text", "Text\n    not code\n"),
    ("code span", "Use `npm install` then `npm test`\n"),
    ("code span with backticks", "Write `` `code` `` like that\n"),
    ("fence inside text block", 'Example:\n\n```json\n{"a": 1}\n```\n\nDone.\n'),
    ("fence longer", "````\n```\nnested\n```\n````\n"),
    # --- quotes and rules --------------------------------------------------------------------
    ("quote", "> A wise quote\n"),
    ("quote after text", "He said:\n> hello\n"),
    ("quote two lines", "> line one\n> line two\n"),
    ("quote lazy", "> line one\nline two\n"),
    ("quote with list", "> - a\n> - b\n"),
    ("nested quote", "> outer\n>> inner\n"),
    ("rule", "Above\n\n---\n\nBelow\n"),
    ("rule stars", "Above\n\n***\n\nBelow\n"),
    ("rule underscores", "Above\n\n___\n\nBelow\n"),
    ("rule after text is setext", "Above\n---\nBelow\n"),
    # --- images and links --------------------------------------------------------------------
    ("image", "![A cat](https://example.com/cat.png)\n"),
    ("image with title", '![A cat](https://example.com/cat.png "Cat")\n'),
    ("local image", "![diagram](./assets/diagram.png)\n"),
    ("image in text", "Look ![icon](icon.png) here\n"),
    ("link", "[DEV](https://dev.to)\n"),
    ("link with title", '[DEV](https://dev.to "Home")\n'),
    ("reference link", "[DEV][1]\n\n[1]: https://dev.to\n"),
    ("relative link", "[next post](./next-post.md)\n"),
    ("linked image", "[![badge](https://img.example/b.svg)](https://example.com)\n"),
    ("link with underscores", "[a_b_c](https://example.com/a_b_c)\n"),
    # --- hard line breaks --------------------------------------------------------------------
    ("hard breaks", "Dear team,\nthank you.\nBest,\nAda\n"),
    ("two spaces break", "line one  \nline two\n"),
    ("break in list item", "- line one\n  line two\n"),
    ("break in quote", "> line one\n> line two\n"),
    ("signoff", "Sincerely,\nLucibit\n"),
    # --- Liquid tags (as DEV sees them before its Liquid pass) -------------------------------
    ("liquid embed", "{% embed https://github.com/forem/forem %}\n"),
    ("liquid after text", "Check this:\n{% youtube dQw4w9WgXcQ %}\n"),
    ("liquid in list", "- {% github forem/forem %}\n- text\n"),
    ("liquid in code", "`{% embed x %}`\n"),
    ("liquid details", "{% details Click %}\nHidden\n{% enddetails %}\n"),
    # --- mixed ---------------------------------------------------------------------------------
    ("escaped chars", "\\*not emphasis\\* and \\# not heading\n"),
    ("entities", "AT&amp;T &copy; 2024 &lt;tag&gt;\n"),
    ("ampersand", "Tom & Jerry\n"),
    ("angle brackets", "if a < b and c > d\n"),
    ("trailing spaces", "text   \n"),
    ("non breaking", "100\u00a0km\n"),
    ("unicode", "Café naïve 日本語 🚀\n"),
]

# --- combined list shapes -------------------------------------------------------------------
BEFORE = {
    "start": "",
    "after text": "Here is the plan:\n",
    "after blank": "Here is the plan:\n\n",
    "after heading": "## The plan\n",
}
MARKERS = {"dash": ("- ", "- "), "star": ("* ", "* "), "number": ("1. ", "2. ")}
BODIES = {
    "flat": "{m1}write the post\n{m2}check the words\n",
    "nested two": "{m1}write the post\n  - outline first\n{m2}check the words\n",
    "nested four": "{m1}write the post\n    - outline first\n{m2}check the words\n",
    "loose": "{m1}write the post\n\n{m2}check the words\n",
    "wrapped": "{m1}write the post\n   slowly\n{m2}check the words\n",
    "link": "{m1}see https://example.com/guide\n{m2}read [the docs](https://example.com)\n",
}
AFTER = {"end": "", "text after blank": "\nThat is all.\n"}


def combined() -> list[tuple[str, str]]:
    cases = []
    for (b, before), (m, (m1, m2)), (s, body), (a, after) in product(
        BEFORE.items(), MARKERS.items(), BODIES.items(), AFTER.items()
    ):
        if a != "end" and s not in ("flat", "nested two"):
            continue
        text = before + body.format(m1=m1, m2=m2) + after
        cases.append((f"{m} list, {s}, {b}, {a}", text))
    return cases


CASES: list[tuple[str, str]] = HANDWRITTEN + combined()
