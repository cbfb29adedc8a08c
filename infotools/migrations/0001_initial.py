"""The class quiz and the self-test, moved here from campaigns (issue 14) with their data.

1. The models enter infotools' state only: their tables were created by campaigns 0001, 0002
   and 0011 and keep their names (`db_table`), so no row moves (campaigns 0012 took them out
   of campaigns' state).
2. Their content types move from the app label "campaigns" to "infotools" and keep their ids,
   so permissions, the role groups that hold them and admin log entries keep pointing at the
   same rows: no orphaned permission, no second content type. This runs before the end of
   `migrate`, where Django's post_migrate would otherwise create new content types (and new
   permissions) for the label "infotools".
"""

import django.core.validators
import django.db.models.deletion
import django.db.models.functions.text
import infotools.models.quiz
from django.db import migrations, models

from django.conf import settings

# The models that moved (ContentType.model is the lower-case model name).
MOVED_MODELS = (
    "quiz",
    "quizquestion",
    "quizanswer",
    "quizanswertally",
    "quizplaytally",
    "quizsession",
    "quizplayer",
    "quizresponse",
    "selftesttally",
)


def _relabel_content_types(apps, schema_editor, *, source, target):
    """Give the moved models' content types the app label `target`, keeping their ids.

    A content type that already exists under `target` (code of the new release asked
    ContentType.objects.get_for_model() before this migration ran) is merged into the old one:
    who holds one of its permissions gets the old one with the same codename, its log entries
    point at the old one, and it goes.
    """
    db = schema_editor.connection.alias
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    LogEntry = apps.get_model("admin", "LogEntry")
    GroupPermission = apps.get_model("auth", "Group").permissions.through
    UserPermission = apps.get_model(settings.AUTH_USER_MODEL).user_permissions.through
    for model in MOVED_MODELS:
        old = ContentType.objects.using(db).filter(app_label=source, model=model).first()
        if old is None:
            continue  # a fresh database: post_migrate creates it under the new label
        stray = ContentType.objects.using(db).filter(app_label=target, model=model).first()
        if stray is not None:
            for permission in Permission.objects.using(db).filter(content_type=stray):
                kept = (
                    Permission.objects.using(db)
                    .filter(content_type=old, codename=permission.codename)
                    .first()
                )
                if kept is None:
                    permission.content_type = old
                    permission.save(update_fields=["content_type"])
                    continue
                for through in (GroupPermission, UserPermission):
                    holder = "group_id" if through is GroupPermission else "user_id"
                    holders = through.objects.using(db).filter(permission=kept)
                    already = set(holders.values_list(holder, flat=True))
                    through.objects.using(db).filter(permission=permission).exclude(
                        **{f"{holder}__in": already}
                    ).update(permission=kept)
                permission.delete()
            LogEntry.objects.using(db).filter(content_type=stray).update(content_type=old)
            stray.delete()
        old.app_label = target
        old.save(update_fields=["app_label"])


def move_content_types(apps, schema_editor):
    _relabel_content_types(apps, schema_editor, source="campaigns", target="infotools")


def move_content_types_back(apps, schema_editor):
    _relabel_content_types(apps, schema_editor, source="infotools", target="campaigns")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("campaigns", "0012_move_quiz_selftest_to_infotools"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("admin", "0003_logentry_add_action_flag_choices"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='Quiz',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('title', models.CharField(max_length=120, verbose_name='titel')),
                        ('slug', models.SlugField(max_length=80, unique=True, verbose_name='slug')),
                        ('intro', models.TextField(blank=True, verbose_name='inleiding')),
                        ('published', models.BooleanField(default=False, verbose_name='gepubliceerd')),
                        ('order', models.PositiveIntegerField(default=0, verbose_name='volgorde')),
                    ],
                    options={
                        'verbose_name': 'quiz',
                        'verbose_name_plural': 'quizzen',
                        'db_table': 'campaigns_quiz',
                        'ordering': ['order', 'title'],
                    },
                ),
                migrations.CreateModel(
                    name='QuizAnswer',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('order', models.PositiveIntegerField(default=0, verbose_name='volgorde')),
                        ('text', models.CharField(max_length=200, verbose_name='antwoord')),
                        ('is_correct', models.BooleanField(default=False, verbose_name='juist antwoord')),
                    ],
                    options={
                        'verbose_name': 'antwoord',
                        'verbose_name_plural': 'antwoorden',
                        'db_table': 'campaigns_quizanswer',
                        'ordering': ['question', 'order', 'pk'],
                    },
                ),
                migrations.CreateModel(
                    name='QuizPlayer',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('nickname', models.CharField(max_length=20, validators=[django.core.validators.MinLengthValidator(2), django.core.validators.MaxLengthValidator(20)], verbose_name='bijnaam')),
                        ('token', models.CharField(max_length=64, unique=True, verbose_name='sleutel')),
                        ('score', models.PositiveIntegerField(default=0, verbose_name='score')),
                        ('joined_at', models.DateTimeField(verbose_name='aangesloten op')),
                    ],
                    options={
                        'verbose_name': 'speler',
                        'verbose_name_plural': 'spelers',
                        'db_table': 'campaigns_quizplayer',
                    },
                ),
                migrations.CreateModel(
                    name='QuizAnswerTally',
                    fields=[
                        ('answer', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='tally', serialize=False, to='infotools.quizanswer', verbose_name='antwoord')),
                        ('class_count', models.PositiveIntegerField(default=0, verbose_name='gekozen in de klas')),
                        ('solo_count', models.PositiveIntegerField(default=0, verbose_name='gekozen alleen')),
                    ],
                    options={
                        'verbose_name': 'telling per antwoord',
                        'verbose_name_plural': 'tellingen per antwoord',
                        'db_table': 'campaigns_quizanswertally',
                    },
                ),
                migrations.CreateModel(
                    name='QuizQuestion',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('order', models.PositiveIntegerField(default=0, verbose_name='volgorde')),
                        ('text', models.CharField(max_length=300, verbose_name='vraag')),
                        ('explanation', models.TextField(help_text='Kort en in eenvoudig Nederlands: waarom is dit het antwoord?', verbose_name='uitleg')),
                        ('image', models.ImageField(blank=True, help_text='Optioneel, hoogstens 2 MB.', upload_to='quiz/', validators=[infotools.models.quiz.validate_image_size], verbose_name='afbeelding')),
                        ('image_alt', models.CharField(blank=True, help_text='Verplicht bij een afbeelding: wat is erop te zien?', max_length=200, verbose_name='beschrijving van de afbeelding')),
                        ('quiz', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='questions', to='infotools.quiz', verbose_name='quiz')),
                    ],
                    options={
                        'verbose_name': 'quizvraag',
                        'verbose_name_plural': 'quizvragen',
                        'db_table': 'campaigns_quizquestion',
                        'ordering': ['quiz', 'order', 'pk'],
                    },
                ),
                migrations.AddField(
                    model_name='quizanswer',
                    name='question',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='answers', to='infotools.quizquestion', verbose_name='vraag'),
                ),
                migrations.CreateModel(
                    name='QuizResponse',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('correct', models.BooleanField(verbose_name='juist')),
                        ('answered_at', models.DateTimeField(verbose_name='geantwoord op')),
                        ('answer', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='responses', to='infotools.quizanswer', verbose_name='antwoord')),
                        ('player', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='responses', to='infotools.quizplayer', verbose_name='speler')),
                        ('question', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='responses', to='infotools.quizquestion', verbose_name='vraag')),
                    ],
                    options={
                        'verbose_name': 'antwoord van een speler',
                        'verbose_name_plural': 'antwoorden van spelers',
                        'db_table': 'campaigns_quizresponse',
                    },
                ),
                migrations.CreateModel(
                    name='QuizSession',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('code', models.CharField(max_length=5, verbose_name='deelnamecode')),
                        ('host_token', models.CharField(max_length=64, unique=True, verbose_name='sleutel van de leerkracht')),
                        ('state', models.CharField(choices=[('lobby', 'wachten op spelers'), ('open', 'vraag staat open'), ('reveal', 'antwoord getoond'), ('finished', 'afgelopen')], default='lobby', max_length=10, verbose_name='toestand')),
                        ('current_index', models.PositiveIntegerField(default=0, verbose_name='huidige vraag')),
                        ('version', models.PositiveIntegerField(default=0, verbose_name='versie')),
                        ('active', models.BooleanField(default=True, verbose_name='actief')),
                        ('created_at', models.DateTimeField(verbose_name='aangemaakt op')),
                        ('expires_at', models.DateTimeField(verbose_name='vervalt op')),
                        ('quiz', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='sessions', to='infotools.quiz', verbose_name='quiz')),
                    ],
                    options={
                        'verbose_name': 'klassessie',
                        'verbose_name_plural': 'klassessies',
                        'db_table': 'campaigns_quizsession',
                    },
                ),
                migrations.AddField(
                    model_name='quizplayer',
                    name='session',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='players', to='infotools.quizsession', verbose_name='sessie'),
                ),
                migrations.CreateModel(
                    name='SelfTestTally',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('result', models.CharField(choices=[('past', 'Duaal leren past'), ('misschien', 'Past misschien'), ('nu-niet', 'Nu waarschijnlijk niet')], max_length=12, verbose_name='uitslag')),
                        ('month', models.DateField(help_text='De eerste dag van de maand.', verbose_name='maand')),
                        ('count', models.PositiveIntegerField(default=0, verbose_name='aantal')),
                    ],
                    options={
                        'verbose_name': 'telling zelftest',
                        'verbose_name_plural': 'tellingen zelftest',
                        'db_table': 'campaigns_selftesttally',
                        'ordering': ['-month', 'result'],
                        'constraints': [models.UniqueConstraint(fields=('result', 'month'), name='campaigns_selftesttally_result_month')],
                    },
                ),
                migrations.CreateModel(
                    name='QuizPlayTally',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('day', models.DateField(verbose_name='dag')),
                        ('sessions', models.PositiveIntegerField(default=0, verbose_name='klassessies')),
                        ('players', models.PositiveIntegerField(default=0, verbose_name='spelers')),
                        ('quiz', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='play_tallies', to='infotools.quiz', verbose_name='quiz')),
                    ],
                    options={
                        'verbose_name': 'telling per dag',
                        'verbose_name_plural': 'tellingen per dag',
                        'db_table': 'campaigns_quizplaytally',
                        'constraints': [models.UniqueConstraint(fields=('quiz', 'day'), name='quiz_play_tally_unique_day')],
                    },
                ),
                migrations.AddConstraint(
                    model_name='quizanswer',
                    constraint=models.UniqueConstraint(condition=models.Q(('is_correct', True)), fields=('question',), name='quiz_answer_one_correct_per_question'),
                ),
                migrations.AddIndex(
                    model_name='quizresponse',
                    index=models.Index(fields=['question', 'answer'], name='quiz_response_question_idx'),
                ),
                migrations.AddConstraint(
                    model_name='quizresponse',
                    constraint=models.UniqueConstraint(fields=('player', 'question'), name='quiz_response_one_per_question'),
                ),
                migrations.AddIndex(
                    model_name='quizsession',
                    index=models.Index(fields=['expires_at'], name='quiz_session_expires_idx'),
                ),
                migrations.AddConstraint(
                    model_name='quizsession',
                    constraint=models.UniqueConstraint(condition=models.Q(('active', True)), fields=('code',), name='quiz_session_active_code_unique'),
                ),
                migrations.AddIndex(
                    model_name='quizplayer',
                    index=models.Index(fields=['session', '-score', 'joined_at'], name='quiz_player_scoreboard_idx'),
                ),
                migrations.AddConstraint(
                    model_name='quizplayer',
                    constraint=models.UniqueConstraint(models.F('session'), django.db.models.functions.text.Lower('nickname'), name='quiz_player_nickname_unique_in_session'),
                ),
            ],
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
