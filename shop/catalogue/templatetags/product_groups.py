from django import template

from shop.catalogue.groups import trail

register = template.Library()

register.filter("group_trail", trail)
