"""Generated decks of a given size for the benchmarks: valid JSON, JSON5, and seed-style defects."""

from __future__ import annotations

import json
import random

WORDS = (
    "проект подготовка специалистов центр обучение программирование робототехника "
    "school slides terminal present deck review audience bullet number heading"
).split()


def _text(rng: random.Random) -> str:
    lines = ["Цель проекта:", ""]
    lines += [" ".join(rng.choices(WORDS, k=rng.randint(8, 30))) + "." for _ in range(2)]
    lines += ["Механизм реализации:", ""]
    lines += [f"{n}.\t" + " ".join(rng.choices(WORDS, k=rng.randint(6, 20))) for n in range(1, 6)]
    lines += ["•\t" + " ".join(rng.choices(WORDS, k=rng.randint(5, 15))) + ";" for _ in range(4)]
    return "\n".join(lines)


def slides(size: int, seed: int = 7) -> list[dict[str, object]]:
    """Slides whose JSON takes about ``size`` bytes."""
    rng = random.Random(seed)
    result: list[dict[str, object]] = []
    total = 0
    while total < size:
        index = len(result) + 1
        slide = {
            "name": str(index),
            "ID": f"1.{index // 100}.{index % 100}",
            "logo_title": "NurOtan",
            "slide_now": index,
            "content": [
                {
                    "title": " ".join(rng.choices(WORDS, k=3)),
                    "block": "2",
                    "img_path": "",
                    "text": _text(rng),
                }
                for _ in range(rng.randint(1, 3))
            ],
        }
        total += len(json.dumps(slide, ensure_ascii=False).encode())
        result.append(slide)
    return result


def valid_json(size: int) -> str:
    return json.dumps({"slides": slides(size)}, ensure_ascii=False, indent=2)


def json5_with_comments(size: int) -> str:
    """Unquoted keys, single quotes, comments and trailing commas: valid JSON5, not JSON."""
    out = ["// generated deck\n{\n  slides: [\n"]
    for slide in slides(size):
        out.append("    { // slide\n")
        for key, value in slide.items():
            if key == "content":
                out.append("      content: [\n")
                for block in value:  # type: ignore[attr-defined]
                    out.append("        {\n")
                    for bkey, bvalue in block.items():
                        out.append(f"          {bkey}: {json.dumps(bvalue, ensure_ascii=False)},\n")
                    out.append("        },\n")
                out.append("      ],\n")
            else:
                out.append(f"      '{key}': {json.dumps(value, ensure_ascii=False)}, /* field */\n")
        out.append("    },\n")
    out.append("  ],\n}\n")
    return "".join(out)


def seed_style_defects(size: int) -> str:
    """Like the seed: a missing comma after "name", raw line breaks and tabs inside strings."""
    text = json5_with_comments(size)
    text = text.replace("'name': ", "'name': ", 1)
    lines = []
    for line in text.split("\n"):
        if line.lstrip().startswith("'name'"):
            line = line.split(",")[0]  # drop the comma (and the comment) after the name
        lines.append(line)
    text = "\n".join(lines)
    return text.replace("\\n", "\n").replace("\\t", "\t")
