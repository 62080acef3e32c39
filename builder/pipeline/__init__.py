"""The only package that orders stages: inputs loaded and checked once, then compute, render,
assemble. Each module runs one capability (``data``, ``reports``, ``deck``, ``meeting``) on
top of ``builder.config``, ``builder.compute``, ``builder.present``, ``builder.render`` and
``builder.assemble``; the commands and the web app call only this package."""
