"""Imported by the fork server of :mod:`jixiao.service.isolation` (its preload): the
children it forks start with the layouts and readers loaded (:func:`warm_up`)."""

from jixiao.service.checking import warm_up

warm_up()
