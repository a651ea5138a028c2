"""PP502 active-content: No file under docs/ can run script on the site's origin."""

from proofpress.rules import Rule

RULE = Rule(
    code="PP502",
    name="active-content",
    summary="No file under docs/ can run script on the site's origin: SVGs hold no script, "
    "event handler, javascript: link or foreignObject; no HTML or XML documents.",
    hint="remove the script from the SVG (or export it again as a plain picture)",
    bad='<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><circle r="4"/></svg>',
    good='<svg xmlns="http://www.w3.org/2000/svg"><circle r="4"/></svg>',
    why="A picture opened on its own runs its scripts with the site's cookies and storage; "
    "post bodies are sanitised, served files must be safe too.",
)
