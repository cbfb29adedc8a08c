"""The self-test "Is duaal leren iets voor mij?": scoring, result page, PDF, anonymous counts."""
