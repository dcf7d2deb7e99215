"""How far, in words, each reading rule looks: every reach and gap in one place.

A reach is the most words that may stand between two things for one to govern the other
(a trigger and its initiator, a pattern and its force); a gap, the most words between two
members of one phrase (the forces of a coordinated subject, the places of one place phrase).
Words are counted by :meth:`conflictkg.nlp.context.ArticleContext.words_between`: runs of
letters and digits. Lexicon rows may set their own reach (``reach`` columns in ``data/``);
these are the readers' own.
"""
from __future__ import annotations

# Events (events.py)
ROLE_REACH = 3       # words between a trigger and the force that carries it out
LAUNCHER_REACH = 1   # words between a launching verb and its subject ("شنت طائرات التحالف")
SINCE_REACH = 4      # words between "منذ" and a date that bounds its span ("منذ بداية الحرب عام 2011")
PRONOUN_REACH = 2    # words between a speaker's "أنه/إنها" and the trigger it does
RUN_GAP = 1          # words between two forces of one coordinated subject
PLACE_CHAIN_GAP = 3  # words between the places of one place phrase
PLACE_WITHIN_REACH = 3  # words between a minted place and the place the article puts it in ("جنوب شرقي تركيا")
VICTIM_REACH = 3     # words between "مقتل" and the force its dead belong to ("مقتل عدد من عناصر Y")
RELATIVE_REACH = 3   # words from a trigger to the relative clause that describes it ("الغارة الجوية التي استهدفت")
WAR_TOLL_REACH = 3   # words after a count where "في النزاع" still says the war is where they died
MEETING_PLACE_REACH = 4  # words between a gathering and its site ("مؤتمر دولي اختتم في واشنطن")
PLACE_MEMORY = 3     # sentences back (the trigger's own not counted) in which the place last spoken
                     # of is still the place of an event that names none (more: another story)

# Allegiances (allegiances.py)
TARGET_REACH = 3    # words from the pattern to the force it points at
TARGET_RUN_GAP = 4  # "إلى فصائل X إلى جانب أعضاء من Y": forces of one list
AND_RUN_GAP = 2     # … when only و joins them: "X وعناصر من Y", not "X ولمواجهة اقتحام فصائل من Y"

# Sources (attribution.py)
SOURCE_REACH = 4  # words between a citing word and its source

# Control (control.py)
FORCE_REACH = 2            # words between the pattern and the force
PLACE_REACH_AFTER = 8      # words between the force (or the pattern) and a place after it
AREA_PLACE_REACH = 2       # … after "المناطق الخاضعة لسيطرة X": only a place named for them (في X)
AREA_HOLDER_REACH = 2      # words from an area noun to the statement of who holds it ("المناطق الواقعة تحت سيطرة")
CAPTURE_SUBJECT_REACH = 4  # words back from a capture verb to its subject
CAPTURE_PLACE_REACH = 4    # words from a capture (and its taker) to the place taken
APPOSITION_REACH = 4       # words between a place and the statement of control in apposition to it
                            # ("دوما، آخر منطقة لا تزال تحت سيطرة")
AWAY_REACH = 3             # words before a place that may say a force stands off it (محيط، باتجاه)

# Figures (figures.py)
NOUN_REACH = 2  # words between the number and its counted noun
