"""The class quiz and the self-test moved to their own app, infotools (issue 14).

Only Django's picture of the models changes here: their tables stay where they are (infotools'
models name them in `Meta.db_table`), with every row. infotools 0001 takes the models up in its
state and moves their content types to the app label "infotools", so permissions, role groups
and admin log entries keep pointing at the same rows.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("campaigns", "0011_figure_indexes"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.RemoveField(
                    model_name="quizplaytally",
                    name="quiz",
                ),
                migrations.RemoveField(
                    model_name="quizquestion",
                    name="quiz",
                ),
                migrations.RemoveField(
                    model_name="quizsession",
                    name="quiz",
                ),
                migrations.RemoveField(
                    model_name="quizanswer",
                    name="question",
                ),
                migrations.RemoveField(
                    model_name="quizresponse",
                    name="answer",
                ),
                migrations.RemoveField(
                    model_name="quizanswertally",
                    name="answer",
                ),
                migrations.RemoveField(
                    model_name="quizplayer",
                    name="session",
                ),
                migrations.RemoveField(
                    model_name="quizresponse",
                    name="player",
                ),
                migrations.RemoveField(
                    model_name="quizresponse",
                    name="question",
                ),
                migrations.DeleteModel(
                    name="SelfTestTally",
                ),
                migrations.DeleteModel(
                    name="QuizPlayTally",
                ),
                migrations.DeleteModel(
                    name="Quiz",
                ),
                migrations.DeleteModel(
                    name="QuizAnswer",
                ),
                migrations.DeleteModel(
                    name="QuizAnswerTally",
                ),
                migrations.DeleteModel(
                    name="QuizSession",
                ),
                migrations.DeleteModel(
                    name="QuizPlayer",
                ),
                migrations.DeleteModel(
                    name="QuizQuestion",
                ),
                migrations.DeleteModel(
                    name="QuizResponse",
                ),
            ],
        ),
    ]
