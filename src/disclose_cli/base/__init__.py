"""The lowest layer: locations and problems, bilingual phrases, the text sanitiser, suggestions. No project imports."""
