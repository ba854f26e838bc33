from django import template

from shop.shipping.plan import plan

register = template.Library()


@register.simple_tag
def basket_groups(basket, formset=None):
    """The basket split by producer (charges are known once an address is), each group
    with its lines' forms from the basket formset, in basket order."""
    basket.lines_with_pictures()  # the lines the groups hold, drawn with their pictures
    groups = plan(basket, None)
    forms = {form.instance.pk: form for form in formset} if formset is not None else {}
    for group in groups:
        group.forms = [forms[line.pk] for line in group.lines if line.pk in forms]
    return groups
