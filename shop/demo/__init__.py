"""The demo shop behind `manage.py load_demo`. It sits above the apps it fills: `catalog`
never knows it exists. One loader per app, run in the order of `loaders.LOADERS`, each with
its data file beside it."""
