"""Language data shipped with newsclean (abbreviations, sentence starters, stopwords)."""
