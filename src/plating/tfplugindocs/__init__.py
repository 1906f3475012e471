"""tfplugindocs' world, for projects that switch from it: its Go-template ``templates/``
folder, its ``generate`` and ``migrate`` commands and their flags.

Modules: :mod:`.names` (provider and component names as tfplugindocs derives them),
:mod:`.markdown_blocks` (the block layout ``migrate`` writes), :mod:`.migrate`.
"""
