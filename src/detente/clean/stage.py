"""Pipeline stages for cleaning and language identification."""

from __future__ import annotations

from detente.clean.boilerplate import BoilerplateRules
from detente.clean.quality import assess
from detente.config import Config
from detente.pipeline.registry import Context, WorkItem, resource, stage


@resource("boilerplate")
def _boilerplate(config: Config) -> BoilerplateRules:
    return BoilerplateRules.load(config.get("knowledge.boilerplate_files"))


@stage("clean", requires=("document.text",), assigns=("document.quality",))
def clean(items: list[WorkItem], ctx: Context) -> None:
    """Flag boilerplate lines and garbled text; score document quality."""
    rules: BoilerplateRules = ctx.get("boilerplate")
    for item in items:
        doc = item.document
        quality = assess(doc.text, rules.flags(doc.text))
        item.document = doc.replace(quality=quality)


@stage("language", requires=("document.text",), assigns=("document.language",))
def language(items: list[WorkItem], ctx: Context) -> None:
    """Identify the language (ISO 639-1) with py3langid, unless the source already gave one."""
    ident = ctx.get("langid")
    for item in items:
        if item.document.language:
            continue
        lang, _ = ident.classify(item.document.text[:1500])  # plenty for a confident guess
        item.document = item.document.replace(language=lang)


@resource("langid")
def _langid(config: Config):
    import py3langid

    return py3langid
