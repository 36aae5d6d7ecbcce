"""Print the README's quick-start command number N (1: install + main job, 2: tests)."""

import re
import sys
from pathlib import Path

text = Path(__file__).resolve().parent.parent.joinpath("README.md").read_text(encoding="utf-8")
section = text.split("## Quick start", 1)[1].split("\n## ", 1)[0]
commands = re.findall(r"```bash\n(.*?)\n```", section, re.S)
print(commands[int(sys.argv[1]) - 1])
