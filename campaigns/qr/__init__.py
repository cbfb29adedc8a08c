"""The QR codes on a school's info point: panels, codes, the tracked /q/ links and scan counts."""
