"""Scale: seeded ECCP-shaped synthetic graphs (``kg synth``) and the benchmark
(``kg bench``, one worker process per engine and size).

May import: :mod:`kg.publish` and every layer below it.
"""
