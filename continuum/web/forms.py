"""GOV.UK Design System rendering for Django forms.

Django renders each field through the template named here, so every form gets GOV.UK labels,
hints and error messages, and pages get an error summary, without per-form markup.
"""

from typing import Any

from django import forms
from django.forms.renderers import TemplatesSetting


class GovukFormRenderer(TemplatesSetting):
    form_template_name = "forms/govuk_form.html"
    field_template_name = "forms/govuk_field.html"


_WIDGET_CLASSES: list[tuple[type[forms.Widget], str]] = [
    (forms.CheckboxSelectMultiple, "govuk-checkboxes__input"),
    (forms.RadioSelect, "govuk-radios__input"),
    (forms.CheckboxInput, "govuk-checkboxes__input"),
    (forms.Select, "govuk-select"),
    (forms.Textarea, "govuk-textarea"),
    (forms.FileInput, "govuk-file-upload"),
    (forms.widgets.Input, "govuk-input"),
]


class GovukForm(forms.Form):
    """A form whose widgets carry GOV.UK classes, with errors marked on the inputs."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        style_widgets(self)

    def full_clean(self) -> None:
        super().full_clean()
        mark_errors(self)


class GovukModelForm(forms.ModelForm):  # type: ignore[type-arg]
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        style_widgets(self)

    def full_clean(self) -> None:
        super().full_clean()
        mark_errors(self)


def style_widgets(form: forms.BaseForm) -> None:
    for field in form.fields.values():
        for widget_type, css_class in _WIDGET_CLASSES:
            if isinstance(field.widget, widget_type):
                field.widget.attrs.setdefault("class", css_class)
                break


def mark_errors(form: forms.BaseForm) -> None:
    for name in form.errors:
        if name in form.fields:
            widget = form.fields[name].widget
            error_class = {
                "govuk-input": "govuk-input--error",
                "govuk-select": "govuk-select--error",
                "govuk-textarea": "govuk-textarea--error",
            }.get(widget.attrs.get("class", ""))
            if error_class:
                widget.attrs["class"] += f" {error_class}"
            # Screen readers announce the error with the field (GOV.UK error message pattern).
            bound = form[name]
            described = [f"{bound.auto_id}_helptext"] if bound.help_text else []
            widget.attrs["aria-describedby"] = " ".join([*described, f"{bound.auto_id}_error"])
