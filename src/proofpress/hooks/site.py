"""MkDocs events of the site hook: the validated posts become the DEV-style site.

``hooks/site.py`` re-exports these handlers (through :mod:`proofpress.hooks.site`). They run
after the check hook (:mod:`proofpress.hooks.check`), whose ``on_files`` (priority 100) has
read and validated every post; this module never reads front matter itself. The build's state
lives on the :class:`~proofpress.hooks.build.Build` attached to MkDocs' config.

- ``on_config``: refuses to run without the check hook.
- ``on_files``: moves each post to ``<username>/<slug>/``, hides drafts and scheduled posts (left
  out entirely by ``mkdocs build``, marked draft for ``mkdocs serve``) and the media only they
  use, and adds the generated listing pages and feeds.
- ``on_page_markdown``: replaces a page's metadata with escaped values and picks its template.
- ``on_page_content``: sanitizes every page (posts, other pages, previews with findings), keeps
  each post's first paragraph, and notes which files published pages use.
- ``on_page_context``: hands templates the escaped views (``pp_post``, ``pp_listing``).
- ``on_env``: leaves out the files only unpublished texts use (before MkDocs copies files),
  and writes the feeds once every body is rendered.
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Callable, Mapping
from typing import Any

import markdown
from jinja2 import Environment
from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.meta import get_data

from proofpress.check.engine import CheckResult
from proofpress.core.weburl import is_remote_url
from proofpress.hooks import build as builds
from proofpress.hooks import check as mkdocs_check
from proofpress.hooks import dialect, preview
from proofpress.hooks.build import Build, Feed, SitePart
from proofpress.hooks.theme import use_packaged_theme
from proofpress.records import urls
from proofpress.records.model import Post
from proofpress.site import feeds, media, sanitize
from proofpress.site.catalog import Catalog
from proofpress.site.listings import all_listings
from proofpress.site.views import Views, absolute, escaped

log = get_plugin_logger("proofpress.site")


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if not _check_hook_listed(config):
        raise PluginError(
            "proofpress: the site hook needs the check hook: add '- hooks/check.py' before "
            "'- hooks/site.py' under hooks: in mkdocs.yml (a site is only built from proven posts)"
        )
    use_packaged_theme(config)
    _copy_buttons(config)
    build = builds.start(config, preview=mkdocs_check.session.preview)
    build.links = dialect.add_extension(config, build.site.settings)
    _escape_settings(config)
    return config


def _copy_buttons(config: MkDocsConfig) -> None:
    """DEV's code blocks have a copy button: Material's, which its ``content.code.copy``
    feature turns on (its own script, nothing from another host)."""
    features = config.theme.get("features")
    if features is None:
        config.theme["features"] = features = []
    if "content.code.copy" not in features:
        features.append("content.code.copy")


# Settings of mkdocs.yml that templates (Material's among them) print without escaping.
PRINTED_SETTINGS = ("site_name", "site_description", "site_author", "copyright", "repo_name")
# theme: keys MkDocs reads to find files, never printed.
_THEME_LOOKUPS = ("name", "custom_dir", "static_templates", "locale")
# extra: keys Proofpress reads as data (settings are read before this; comments escaped apart).
_DATA_KEYS = ("proofpress", "comments")


def _escape_settings(config: MkDocsConfig) -> None:
    """Every text of mkdocs.yml a template prints becomes escaped ``Markup``, once, before any
    template runs: Material prints ``site_name``, ``copyright``, ``extra`` values, theme values
    (palette toggle names, logo, favicon) and ``extra_css`` paths raw
    (``partials/nav.html``, 404 and every page that is not a post). ``|e`` on Markup changes
    nothing, so templates that escape stay right; code that needs the text reads it as HTML."""
    for key in PRINTED_SETTINGS:
        if isinstance(value := config.get(key), str):
            config[key] = escape(value)
    if isinstance(config.get("repo_url"), str):
        config["repo_url"] = escape(config["repo_url"])
    # Material prints theme values (palette toggle names, logo, favicon, icons) and extra_css
    # paths raw; extra_javascript goes through MkDocs' script_tag filter, which escapes.
    for key in list(config.theme):
        if key not in _THEME_LOOKUPS:
            config.theme[key] = _escaped(config.theme[key])
    config["extra_css"] = [_escaped(path) for path in config.extra_css]
    extra = config.extra
    for key in list(extra):
        if key not in _DATA_KEYS:
            extra[key] = _escaped(extra[key])


def _escaped(value: Any) -> Any:
    if isinstance(value, str):
        return escape(value)
    if isinstance(value, Mapping):
        return {key: _escaped(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_escaped(item) for item in value]
    return value


def _check_hook_listed(config: MkDocsConfig) -> bool:
    return any(
        getattr(hook, "on_files", None) is mkdocs_check.on_files for hook in config.plugins.values()
    )


def _both_hooks_listed(config: MkDocsConfig) -> bool:
    return _check_hook_listed(config) and any(
        getattr(hook, "on_files", None) is on_files for hook in config.plugins.values()
    )


def on_serve(server: Any, *, config: MkDocsConfig, builder: Callable[..., None]) -> Any:
    """Rebuilds convert and render only the pages an edit touches (hooks/preview.py)."""
    if (made := preview.serve_builder(builder, config, _both_hooks_listed)) is not None:
        server.builder = made
    return server


def _part(config: MkDocsConfig) -> tuple[Build, SitePart]:
    build = builds.of(config)
    if build.site_part is None:
        raise PluginError("proofpress: the site hook's on_files did not run")
    return build, build.site_part


# --- on_files: URLs, drafts, generated pages --------------------------------------------------


@event_priority(50)  # after the check hook (100), which validated the posts
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    build = builds.of(config)
    result = build.checked
    settings = build.site.settings
    catalog = Catalog.build(result.posts, result.authors, build.now)
    views = Views(catalog, config.site_url, build.now, remote_images=settings.remote_images)
    views.tag_colors = settings.tag_colors
    part = build.site_part = SitePart(
        catalog,
        views,
        escaped(settings.comments),
        per_page=settings.per_page,
        preview=build.preview,
        site_name=config.site_name,
        site_description=config.site_description or "",
    )
    if build.links is not None:
        dialect.fill_links(build.links, catalog)
    for post in catalog.live:
        _place_post(files, part, post, InclusionLevel.NOT_IN_NAV)
    for post in catalog.hidden:
        if build.preview:
            _place_post(files, part, post, InclusionLevel.DRAFT)
        elif (file := files.get_file_from_path(post.src_uri)) is not None:
            files.remove(file)
    hidden_pages = _hide_pages(files, result, build.preview)
    if not build.preview:
        _claim_hidden_media(files, part, hidden_pages, build.site.posts_dir, config)
    _add_listings(files, part, settings.per_page, config)
    _add_feeds(files, part, settings.feed_size, config)
    _check_destinations(files, build.preview)
    preview.plan(build, files, config)
    return files


def _place_post(files: Files, part: SitePart, post: Post, inclusion: InclusionLevel) -> None:
    file = files.get_file_from_path(post.src_uri)
    if file is None:
        return
    url = part.catalog.url_of(post)
    file.dest_uri = urls.dest_uri_for(url)
    file.url = url
    file.abs_dest_path = _dest_path(file)
    file.inclusion = inclusion
    part.posts[post.src_uri] = post


def _dest_path(file: File) -> str:
    return os.path.normpath(os.path.join(file.dest_dir, file.dest_uri))


def _hide_pages(files: Files, result: CheckResult, preview: bool) -> list[File]:
    """Pages with ``published: false``: left out of a build, shown as drafts by the preview."""
    hidden = []
    for page in result.pages:
        file = files.get_file_from_path(page.src_uri)
        if page.published or file is None:
            continue
        hidden.append(file)
        if preview:
            file.inclusion = InclusionLevel.DRAFT
        else:
            files.remove(file)
    return hidden


def _claim_hidden_media(
    files: Files, part: SitePart, hidden_pages: list[File], posts_dir: str, config: MkDocsConfig
) -> None:
    """Render every hidden text with the site's Markdown settings and note what it refers to.

    Nothing is removed yet: whether a published page uses a claimed file is known only once
    every page is rendered (``on_env``, before MkDocs copies files).
    """
    catalog, ledger = part.catalog, part.ledger
    if not catalog.hidden and not hidden_pages:
        return
    renderer = markdown.Markdown(
        extensions=config.markdown_extensions, extension_configs=config.mdx_configs or {}
    )
    for post in catalog.hidden:
        renderer.reset()
        folder = posixpath.dirname(post.src_uri)
        bases = [f"{folder}/" if folder else "", catalog.url_of(post)]
        ledger.claim(renderer.convert(post.body), bases)
        if post.cover_image:
            ledger.candidates.add(post.cover_image)
    for file in hidden_pages:
        renderer.reset()
        folder = posixpath.dirname(file.src_uri)
        body = get_data(file.content_string)[0]
        ledger.claim(renderer.convert(body), [f"{folder}/" if folder else "", file.url])
    media_paths = [f.dest_uri for f in _docs_media(files, config)]
    live = [p.src_uri for p in catalog.live]
    for folder in media.own_folders(live, [p.src_uri for p in catalog.hidden], posts_dir):
        ledger.claim_folder(folder, media_paths)
    for post in catalog.live:
        if post.cover_image:
            ledger.used.add(post.cover_image)
    for author in catalog.authors.values():
        if author.avatar and not is_remote_url(author.avatar):
            ledger.used.add(author.avatar)
    for setting in (*config.extra_css, *config.extra_javascript):
        ledger.used.add(str(setting).lstrip("/"))
    for name in ("logo", "favicon"):
        if isinstance(value := config.theme.get(name), str):
            ledger.used.add(value.lstrip("/"))


def _docs_media(files: Files, config: MkDocsConfig) -> list[File]:
    """The non-Markdown files from docs/ (not the theme's, not generated ones)."""
    return [
        f
        for f in files
        if not f.is_documentation_page() and f.generated_by is None and f.src_dir == config.docs_dir
    ]


def _drop_hidden_media(files: Files, ledger: media.Ledger, config: MkDocsConfig) -> None:
    """Leave out the files only hidden texts use (MkDocs copies files after ``on_env``)."""
    by_dest = {f.dest_uri: f for f in _docs_media(files, config)}
    for path in sorted(ledger.unused(by_dest)):
        files.remove(by_dest[path])
        log.info(f"docs/{by_dest[path].src_uri} is left out: only unpublished texts use it")


def _add_listings(files: Files, part: SitePart, per_page: int, config: MkDocsConfig) -> None:
    for listing in all_listings(part.catalog, per_page):
        src_uri = urls.src_uri_for(listing.url)
        if listing.url == "" and files.get_file_from_path(src_uri) is not None:
            part.listings[src_uri] = listing  # docs/index.md: its text leads the home feed
            continue
        if files.get_file_from_path(src_uri) is not None:
            log.warning(f"docs/{src_uri} takes the place of the generated page /{listing.url}")
            continue
        page = File.generated(config, src_uri, content="", inclusion=InclusionLevel.NOT_IN_NAV)
        files.append(page)
        part.listings[src_uri] = listing


def _add_feeds(files: Files, part: SitePart, size: int, config: MkDocsConfig) -> None:
    if not config.site_url:
        log.warning("site_url is not set: feeds need absolute links, so none was written")
        return
    catalog = part.catalog
    site_name = escape(config.site_name)  # texts as HTML: the feed escapes them once more as XML
    wanted = [(urls.SITE_FEED, site_name, "", escape(config.site_description or ""), catalog.live)]
    for key, posts in catalog.by_author.items():
        author = catalog.authors[key]
        wanted.append(
            (
                urls.author_feed(author.username),
                Markup("{} - {}").format(author.name, site_name),
                urls.author_url(author.username),
                escape(author.bio) or Markup("Posts by {}").format(author.name),
                posts,
            )
        )
    for src_uri, title, link, description, posts in wanted:
        if files.get_file_from_path(src_uri) is not None:
            log.warning(f"docs/{src_uri} takes the place of the generated feed /{src_uri}")
            continue
        file = File.generated(config, src_uri, content=b"")
        files.append(file)
        part.feeds.append(Feed(file, title, link, description or "", posts[:size]))


def _check_destinations(files: Files, preview: bool) -> None:
    """Two files written to one place would silently overwrite each other."""
    seen: dict[str, str] = {}
    for file in files:
        if file.inclusion.is_excluded() and not preview:
            continue
        other = seen.setdefault(file.dest_uri, file.src_uri)
        if other != file.src_uri:
            log.warning(
                f"'{file.src_uri}' and '{other}' would both be written to /{file.dest_uri}; "
                "rename a username, slug, tag or series, or move the file"
            )


# --- pages --------------------------------------------------------------------------------


def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
    """Section and link titles come from mkdocs.yml's nav, and Material prints them raw (page
    titles are escaped with each page, in ``on_page_content``)."""
    items = list(nav.items)
    while items:
        item = items.pop()
        if not isinstance(item, Page) and isinstance(item.title, str):
            item.title = escape(item.title)
        items.extend(item.children or [])
    return nav


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    build, part = _part(config)
    src_uri = page.file.src_uri
    post = part.posts.get(src_uri)
    if build.links is not None:  # the dialect reads posts; its links are relative to the page
        build.links.page_url, build.links.post_page = page.url, post is not None
        scan = build.checked.scans.get(src_uri)
        build.links.checked = (post.body, scan) if post is not None and scan else None
    page.meta = part.meta(src_uri, page.meta)
    return markdown


@event_priority(50)  # before the check hook prepends its (trusted) findings in previews
def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if not isinstance(page.title, Markup) and page.title is not None:
        page.title = escape(page.title)
    build, part = _part(config)
    # Every page is sanitised, post or not, findings or not, in builds and previews alike.
    settings = build.site.settings
    body = sanitize.clean(html, remote_images=settings.remote_images, embeds=settings.embeds)
    if not build.preview and page.file.inclusion.is_included():
        part.ledger.use(body, page.file.url)
    post = part.posts.get(page.file.src_uri)
    if post is None:
        return body
    body = sanitize.demote_headings(body)
    part.views.excerpts[post.src_uri] = sanitize.excerpt(body)
    return body


@event_priority(-100)  # after Material's search has indexed the page (the preview counts)
def on_page_context(
    context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Any
) -> dict[str, Any]:
    build, part = _part(config)
    context.update(part.values(page.file.src_uri, part.views))
    preview.indexed(build, page.file.src_uri)
    return context


def on_template_context(
    context: dict[str, Any], *, template_name: str, config: MkDocsConfig
) -> dict[str, Any]:
    """Theme templates MkDocs renders without a page (404.html): the site's bar, drawer and
    footer need ``pp_site`` there too. They are rendered on every build, preview or not."""
    _, part = _part(config)
    context["pp_site"] = part.site
    return context


# --- feeds ----------------------------------------------------------------------------------


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    """Every post body is rendered by now, so feed summaries can use first paragraphs."""
    build, part = _part(config)
    preview.settle(build, files)  # first: a card whose first paragraph changed is made again
    if not build.preview:
        _drop_hidden_media(files, part.ledger, config)
    views = part.views
    for feed in part.feeds:
        feed.file.content_bytes = feeds.rss(
            title=feed.title,
            link=absolute(config.site_url, feed.link) or feed.link,
            description=feed.description,
            self_url=absolute(config.site_url, feed.file.url) or feed.file.url,
            posts=[views.post(p) for p in feed.posts],
            changed=max((p.updated or p.date for p in feed.posts), default=None),
        )
    if build.rebuild is not None:  # the preview's templates, compiled once a session
        env.bytecode_cache = build.rebuild.bytecode
    return env


@event_priority(100)  # before Material's search writes its index
def on_post_build(*, config: MkDocsConfig) -> None:
    preview.finish(builds.of(config))


__all__ = [
    "on_config",
    "on_env",
    "on_files",
    "on_nav",
    "on_page_content",
    "on_page_context",
    "on_page_markdown",
    "on_post_build",
    "on_serve",
    "on_template_context",
]
