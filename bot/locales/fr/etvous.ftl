# Et vous ? — catalogue français (langue première)
### Typographie : espace fine insécable (U+202F) avant ; ! ? et », après « ;
### espace insécable (U+00A0) avant : et entre un nombre et son unité (18 h, 50 %).
### Ces espaces sont écrites telles quelles (invisibles) ; tests/test_i18n.py les vérifie.

## Commandes (noms et descriptions localisés)
cmd-setup = configurer
cmd-setup-desc = Configurer les discussions
cmd-schedule = programme
cmd-schedule-desc = Le programme des publications
cmd-schedule-show-desc = Prochaines publications et état
cmd-schedule-pause-desc = Suspendre les publications
cmd-schedule-resume-desc = Reprendre les publications
cmd-show = voir
cmd-pause = pause
cmd-resume = reprendre
cmd-question = question
cmd-question-desc = La banque de questions
cmd-question-add-desc = Ajouter une question
cmd-question-list-desc = Lister la banque de questions
cmd-question-remove-desc = Retirer une question
cmd-question-edit-desc = Corriger une question de la banque
cmd-question-import-desc = Importer les questions d’un article
cmd-question-post-desc = Publier une question maintenant
cmd-add = ajouter
cmd-list = liste
cmd-remove = retirer
cmd-edit = modifier
cmd-import = importer
cmd-post = publier
cmd-discussion = discussion
cmd-discussion-desc = Clore, prolonger ou rouvrir une discussion
cmd-discussion-close-desc = Clore une discussion maintenant
cmd-discussion-reopen-desc = Rouvrir une discussion close
cmd-discussion-extend-desc = Garder une discussion ouverte plus longtemps
cmd-extend = prolonger
cmd-close = clore
cmd-reopen = rouvrir
cmd-summary = résumé
cmd-summary-desc = Qui pense quoi, et pourquoi
cmd-position = position
cmd-summary-position-desc = Votre place parmi les groupes d’opinion
cmd-answers = réponses
cmd-answers-desc = Les réponses enregistrées
cmd-answers-list-desc = Parcourir les réponses enregistrées
cmd-answers-export-desc = Exporter les réponses enregistrées
cmd-answers-delete-desc = Effacer le texte d’une réponse enregistrée
cmd-export = exporter
cmd-delete = effacer
cmd-mydata = mesdonnées
cmd-mydata-desc = Ce que le bot garde sur vous
cmd-mydata-show-desc = Voir ce qui est enregistré sur vous
cmd-mydata-delete-desc = Effacer vos données sur ce serveur
cmd-mydata-optout-desc = Ne plus rien enregistrer de vous
cmd-mydata-optin-desc = Autoriser à nouveau l’enregistrement
cmd-optout = refuser
cmd-optin = accepter
opt-channel = salon
opt-channel-desc = Forum (une publication par question) ou salon textuel
opt-cron-desc = Quand publier, cron à 5 champs (défaut : le lundi à 18 h)
opt-timezone = fuseau
opt-timezone-desc = Fuseau horaire IANA, par ex. Europe/Paris
opt-duration = durée_heures
opt-duration-desc = Durée d’ouverture d’une discussion (1 à 720 h)
opt-language = langue
opt-language-desc = Langue des publications
opt-retention = conservation_jours
opt-retention-desc = Effacer les textes des réponses après ce nombre de jours (0 : jamais)
opt-text = texte
opt-text-desc = La question
opt-options = options
opt-options-desc = Options de réponse séparées par |, par ex. Oui|Non|Nuancé
opt-id = id
opt-question-id-desc = Le numéro de la question (/question liste)
opt-import-options-desc = Les options de chaque question, séparées par | (défaut : choisies pour chacune)
opt-answers-discussion-desc = Seulement cette discussion (défaut : toutes)
opt-answers-member-desc = Seulement les réponses de ce membre
opt-format-desc = Le format du fichier (défaut : JSONL)
choice-format-csv-excel = CSV pour Excel en français (points-virgules)
opt-file = fichier
opt-file-desc = Un fichier texte UTF-8 avec une section « Et vous ? »
opt-url = lien
opt-url-desc = L’adresse web de l’article (au lieu d’un fichier)
opt-discussion = discussion
opt-discussion-desc = Numéro de la discussion (défaut : ce fil)
opt-edit-text-desc = La nouvelle formulation (défaut : inchangée)
opt-edit-options-desc = Les nouvelles options de réponse, séparées par |
opt-edit-category-desc = Sa nouvelle catégorie
opt-hours = heures
opt-extend-hours-desc = Heures ajoutées à sa clôture
opt-discussion-id-desc = Numéro de la discussion
opt-member = membre
opt-search = recherche
opt-search-desc = Mots ou « expression » que contiennent les réponses
opt-format = format
opt-message-id = id_message
opt-message-id-desc = L’identifiant du message de la réponse, ou son lien (Copier le lien du message)
opt-download = télécharger
opt-download-desc = L’envoyer aussi en fichier JSONL

## Publications
post-stances = Positions
post-closes = Clôture
post-closed = Clôturée
post-closes-after = { $open_for } après sa publication
post-source = Source
# A source's title in another language than the post's: « Sora… (in French) ».
post-source-in = { $source } ({ $written ->
        [en] en anglais
       *[fr] en français
    })
post-footer = Discussion n° { $id } · Et vous ?
post-role-ping = { $role } : une nouvelle question est ouverte.
button-reply = Répondre
button-card = Donner mon avis
hours = { $n ->
    [one] { $n } heure
   *[other] { $n } heures
}
days = { $n ->
    [one] { $n } jour
   *[other] { $n } jours
}

## Participation
stance-recorded = C’est noté : votre position est **{ $option }**. Vous pouvez en changer, ou la retirer, à tout moment.
stance-withdraw = Retirer ma position
stance-withdrawn = Votre position est retirée. Vous pouvez en déclarer une autre à tout moment tant que la discussion est ouverte.
modal-title = Votre réponse
modal-label = Qu’en pensez-vous ?
modal-posted = **{ $author }** répond :
    { $text }
modal-thanks = Merci ! Votre réponse est publiée : { $link }
modal-text-kept = Votre texte, pour ne pas le perdre
ctx-delete-my-reply = Supprimer ma réponse
form-reply-deleted = Votre réponse est supprimée, du fil et de ce que le bot garde.
error-not-your-form-reply = Ce n’est pas une réponse que vous avez publiée avec le formulaire « { $reply } » (vos propres messages, vous les supprimez vous-même).
error-delete-unavailable = Discord n’a pas laissé le bot supprimer ce message : votre réponse est toujours dans le fil. Réessayez dans un moment, ou prévenez l’équipe de modération.
card-agree = D’accord
card-disagree = Pas d’accord
card-pass = Passer
card-edited-since-vote = ✏️ Modifiée depuis votre vote : votre vote compte toujours, jusqu’à ce que vous votiez à nouveau sur ce texte.
card-link = Dans le fil
card-remaining = { $n ->
    [0] La dernière réponse à voir
    [one] Encore { $n } réponse à voir
   *[other] Encore { $n } réponses à voir
}
card-nothing-yet = Pas encore de réponse d’autres membres à voter : revenez plus tard, ou répondez vous-même dans le fil.
card-done = Plus rien à voter : vous avez donné votre avis sur toutes les réponses. Merci !
## Où je me situe (le bouton de la carte de vote, /résumé position)
button-standing = Où je me situe
standing-title = Où vous situez-vous ?
standing-group = Vous êtes dans le **groupe { $letter }** ({ $size ->
        [one] { $size } membre
       *[other] { $size } membres
    }), l’un des { $groups ->
        [one] { $groups } groupe
       *[other] { $groups } groupes
    } d’opinion que dessinent les votes.
standing-placed = { $votes ->
        [one] Votre vote vous place
       *[other] Vos { $votes } votes vous placent
    } près du **groupe { $letter }** ({ $size ->
        [one] { $size } membre
       *[other] { $size } membres
    }). Encore { $needed ->
        [one] { $needed } vote
       *[other] { $needed } votes
    } et vous compterez dans les groupes.
standing-needed = Encore { $needed ->
        [one] { $needed } vote
       *[other] { $needed } votes
    } (bouton « { $card } ») pour trouver votre place parmi les groupes d’opinion.
standing-placed-only = { $votes ->
        [one] Votre vote vous place
       *[other] Vos { $votes } votes vous placent
    } près du **groupe { $letter }** ({ $size ->
        [one] { $size } membre
       *[other] { $size } membres
    }). { $over ->
        [yes] { $votes ->
            [one] Il n’a pas suffi
           *[other] Ils n’ont pas suffi
        } pour compter dans les groupes.
       *[no] { $votes ->
            [one] Il comptera
           *[other] Ils compteront
        } dans les groupes quand il y aura d’autres réponses sur lesquelles voter.
    }
standing-needed-wait = Il ne reste aucune réponse sur laquelle voter (hors les vôtres) : vous trouverez votre place parmi les groupes d’opinion quand il y en aura d’autres.
standing-needed-closed = Vos votes n’ont pas suffi à vous placer dans un groupe d’opinion.
standing-no-groups = { $missing ->
    [too_few_replies] Pas encore de groupes d’opinion : il faut au moins deux réponses sur lesquelles voter.
    [no_votes] Pas encore de groupes d’opinion : personne n’a encore voté sur les réponses.
    [too_few_participants] Pas encore de groupes d’opinion : trop peu de membres ont assez voté.
    [one_opinion] Pas de groupes d’opinion : les votes ne dessinent qu’un seul camp.
   *[no_structure] Pas encore de groupes d’opinion nets : les votes ne dessinent pas encore de camps.
}
standing-no-groups-closed = { $missing ->
    [too_few_replies] Pas de groupes d’opinion : il fallait au moins deux réponses sur lesquelles voter.
    [no_votes] Pas de groupes d’opinion : personne n’a voté sur les réponses.
    [too_few_participants] Pas de groupes d’opinion : trop peu de membres ont assez voté.
    [one_opinion] Pas de groupes d’opinion : les votes ne dessinaient qu’un seul camp.
   *[no_structure] Pas de groupes d’opinion nets : les votes n’ont pas dessiné de camps.
}
standing-majority = Vous avez voté comme la plupart des autres sur { $same } de vos { $known ->
        [one] { $known } avis tranché
       *[other] { $known } avis tranchés
    } (d’accord ou pas d’accord).
standing-stands-for = Ce que pense votre groupe
standing-apart = Là où vous votez autrement que votre groupe
standing-line-agree = { $percent } % d’accord avec « { $quote } »
standing-line-disagree = { $percent } % pas d’accord avec « { $quote } »
standing-yours = { $vote ->
    [agree] vous : d’accord
    [disagree] vous : pas d’accord
    [pass] vous : passé
    [closed] vous : pas voté
    [own] votre réponse
   *[none] vous : pas encore voté
}
standing-footer = Vous avez voté sur { $votes ->
        [one] { $votes } réponse
       *[other] { $votes } réponses
    }. Ce message n’est visible que par vous.

## Programme
setup-done = C’est configuré. Voici le programme :
setup-language-server = Langue des publications : { $chosen }, celle de votre serveur sur Discord. Pour la changer : /configurer langue:
setup-language-default = Langue des publications : { $chosen }, celle du bot par défaut (la langue de votre serveur sur Discord n’est ni le français ni l’anglais). Pour la changer : /configurer langue:
setup-zone-fixed = ⚠️ Le fuseau { $timezone } ne passe jamais à l’heure d’été : les publications se décaleront d’une heure par rapport aux horloges locales, deux fois par an. Préférez le fuseau d’une ville, par exemple Europe/Paris ou America/New_York.
schedule-title = Programme des questions
schedule-channel = Salon
schedule-cron = Quand
schedule-cron-code = cron : { $cron }
schedule-duration = Durée d’une discussion
schedule-language = Langue des publications
language-fr = Français
language-en = English
schedule-state = État
schedule-active = ✅ Actif
schedule-paused = ⏸️ En pause : { $reason }
schedule-next = Prochaines publications
schedule-none = Aucune
schedule-open = Discussions ouvertes
schedule-retention = Conservation des textes
schedule-storage = Enregistrement
schedule-storage-ok = ✅ Chaque réponse, vote et clic est enregistré.
schedule-storage-waiting = ⏳ La base de données ne répond pas : { $n ->
    [one] { $n } changement attend
   *[other] { $n } changements attendent
} en mémoire et { $n ->
    [one] sera écrit
   *[other] seront écrits
} dès son retour.
schedule-storage-set-aside = ⚠️ { $n ->
    [one] { $n } message n’a pas pu être enregistré (la base de données l’a refusé ; les autres n’ont pas été retenus). Son identifiant est dans le journal du bot.
   *[other] { $n } messages n’ont pas pu être enregistrés (la base de données les a refusés ; les autres n’ont pas été retenus). Leurs identifiants sont dans le journal du bot.
}
retention-off = illimitée (aucun effacement automatique)
schedule-shown = Voici le programme :
schedule-paused-now = Publications suspendues.
staff-problem-notice = ⚠️ Les publications sont en pause : { $reason }.
schedule-resumed = Publications reprises.
schedule-channel-lacking = ⚠️ Le bot ne peut plus publier dans le salon des discussions : il lui manque { $permissions }. La prochaine publication échouera et mettra le programme en pause.
schedule-channel-still-lacking = ⚠️ Il lui manque toujours { $permissions } dans ce salon.
schedule-forum-tag-lacking = ⚠️ Ce forum exige désormais une étiquette sur chaque publication et n’a pas d’étiquette « Et vous ? » (le bot n’en crée une qu’avec la permission Gérer les salons) : la prochaine publication échouera et mettra le programme en pause. Créez l’étiquette dans le forum.
schedule-zone-unusable = ⚠️ Le fuseau horaire « { $timezone } » est inutilisable (les données de fuseaux de ce système ne le connaissent plus) : rien n’est publié. Choisissez un fuseau valide avec /configurer fuseau:, par ex. Europe/Paris.
schedule-cron-unusable = ⚠️ Le programme enregistré est inutilisable : rien n’est publié. Redéfinissez-le avec /configurer cron:.
schedule-bank-used-up = ⚠️ Plus aucune question à publier : les prochains créneaux ne publieront rien. Ajoutez-en avec /question ajouter ou /question importer.
schedule-rotation-used-up = ⚠️ Plus aucune question dans les catégories publiées ({ $categories }) : les prochains créneaux ne publieront rien. Ajoutez-en, ou changez /configurer catégories.
pause-reason-staff = à la demande de l’équipe (/programme reprendre pour relancer)
pause-reason-missing-permissions = il manque des permissions au bot dans le salon ; corrigez-les, puis /programme reprendre
pause-reason-channel-missing = le salon des discussions a été supprimé ; choisissez-en un autre avec /configurer
pause-reason-kicked = le bot a été retiré du serveur
pause-reason-forum-tag = le forum exige une étiquette sur chaque publication ; créez-y une étiquette « Et vous ? », puis relancez /configurer salon:
pause-reason-rejoined = le bot a été retiré puis réinvité ; vérifiez le salon puis /programme reprendre

## Banque
bank-title = Banque de questions ({ NUMBER($total, useGrouping: "true") })
bank-empty = La banque est vide.
bank-category-empty = Aucune question dans la catégorie « { $category } ». Catégories de la banque : { $known }.
bank-category-none-yet = Aucune question dans la catégorie « { $category } » : aucune question de la banque n’a encore de catégorie. Donnez-en une avec /question modifier catégorie: ou /question ajouter catégorie:.
bank-legend = ✅ publiée · ⏭️ publiée ensuite · 🕒 à venir
bank-legend-rotation = { bank-legend } · 🚫 hors des catégories publiées : le programme ne la publie pas
# the number of a question or a suggestion in a list
list-number = n° { $id }
question-added = Question n° { $id } ajoutée (options : { $options }).
question-added-outside = Question n° { $id } ajoutée (options : { $options }), hors des catégories publiées ({ $categories }) : le programme ne la publiera pas. Rangez-la dans l’une d’elles (/question modifier), ou publiez-la avec /question publier.
question-removed = Question n° { $id } retirée de la banque.
question-edited = Question n° { $id } modifiée : { $text }
    (options : { $options } ; { $sorted ->
        [yes] catégorie : { $category }
       *[no] sans catégorie
    }). Les discussions déjà publiées gardent la question telle qu’elle a été publiée.
question-imported = { $added ->
    [one] { $added } question importée
   *[other] { $added } questions importées
}, { $skipped ->
    [one] { $skipped } doublon ignoré.
   *[other] { $skipped } doublons ignorés.
}
question-import-left-out = { question-imported } { $left ->
    [one] La ligne { $lines } de l’article a été laissée de côté : une question de plus de { $max } caractères, ou un texte qui n’est pas en UTF-8.
   *[other] Les lignes { $lines } de l’article ont été laissées de côté : des questions de plus de { $max } caractères, ou un texte qui n’est pas en UTF-8.
}
question-edited-outside = Elle est désormais hors des catégories publiées ({ $categories }) : le programme ne la publiera pas. Rangez-la dans l’une d’elles, ou publiez-la avec /question publier.
question-import-outside = { $added ->
    [one] Elle est hors des catégories publiées ({ $categories }) : le programme ne la publiera pas. Rangez-la dans l’une d’elles (/question modifier), ou publiez-la avec /question publier.
   *[other] Elles sont hors des catégories publiées ({ $categories }) : le programme ne les publiera pas. Rangez-les dans l’une d’elles (/question modifier), ou publiez-les avec /question publier.
}
import-listed-more = … et { $more ->
    [one] une autre : /question liste les montre toutes.
   *[other] { $more } autres : /question liste les montre toutes.
}
import-listed-others = … et { $more ->
    [one] une autre.
   *[other] { $more } autres.
}
import-listed-duplicates = Doublons ignorés ({ $skipped }) : déjà dans la banque, ou posés deux fois
import-listed-in-bank = déjà dans la banque (question n° { $id })
import-listed-twice = posée deux fois dans l’article
question-import-left-out-spaced = { question-import-left-out } Avec les espaces insécables que le français met avant les points d’interrogation et d’exclamation, les deux-points et les points-virgules, { $spaced ->
    [one] la ligne { $spaced_lines } dépasse { $max } caractères : raccourcissez-la un peu.
   *[other] les lignes { $spaced_lines } dépassent { $max } caractères : raccourcissez-les un peu.
}
question-posted = Discussion n° { $id } publiée : <#{ $thread }>
question-posted-resumed = Discussion n° { $id } publiée : <#{ $thread }>. La publication fonctionne de nouveau : le programme reprend.

## Discussions
discussion-closed = 🔒 La discussion est close. Voici le résumé :
discussion-reopened = 🔓 La discussion est rouverte : clôture { $closes }.
discussion-choice = n° { $id } { $question }
discussion-closed-done = Discussion n° { $id } close.
discussion-closed-summary-held = Discussion n° { $id } close. Son résumé n’a pas pu être publié dans { $thread } : il manque au bot : { $permissions }. Donnez-lui ces permissions dans le salon : il sera publié à la minute suivante.
discussion-reopened-done = Discussion n° { $id } rouverte.
discussion-extended = ⏳ La discussion est prolongée : clôture { $closes }.
discussion-extended-done = Discussion n° { $id } prolongée : clôture { $closes }.

## Résumé
summary-title = Résumé de la discussion n° { $id }
summary-counts = { $participants ->
        [one] { $participants } participant
       *[other] { $participants } participants
    } · { $replies ->
        [one] { $replies } réponse
       *[other] { $replies } réponses
    }
summary-option = **{ NUMBER($combined, useGrouping: "true") }** au total ({ $declared } { $declared ->
        [one] déclaré
       *[other] déclarés
    }, { $inferred } { $inferred ->
        [one] déduit
       *[other] déduits
    } des textes)
summary-option-keywords = *Mots qui distinguent ce camp : { $words }*
summary-leanings = *Réponses qui penchent, sans certitude : { $counts }*
summary-leaning-item = { $option } { $n }
summary-keywords = Mots-clés
summary-themes = Thèmes
summary-themes-unclear = { $closed ->
        [yes] Pas de thèmes nets.
       *[no] Pas encore de thèmes nets.
    }
# Insécables : un long extrait revient à la ligne, jamais entre le guillemet et le mot.
summary-quote-open = «{"\u202F"}
summary-quote-close = {"\u202F"}»
summary-theme = 🏷️ { $label } · { $n ->
        [one] { $n } réponse
       *[other] { $n } réponses
    }{ $mix }
summary-theme-unclear = { $n ->
        [one] { $n } réponse sans position nette
       *[other] { $n } réponses sans position nette
    }
summary-failed-retrying = ⚠️ Le résumé de cette discussion n’a pas pu être publié (essai { $attempts }) : le bot réessaiera dans une minute. `/résumé voir` l’affiche à tout moment.
summary-failed-final = ⚠️ Le résumé de cette discussion n’a pas pu être publié après { $attempts ->
        [one] { $attempts } essai
       *[other] { $attempts } essais
    }. `/résumé voir` l’affiche à tout moment.
groups-title = Groupes d’opinion
groups-from-votes = D’après les votes de { $n ->
        [one] { $n } membre
       *[other] { $n } membres
    } :
groups-missing = { $missing ->
    [too_few_replies] Pas encore de groupes : il faut au moins deux réponses sur lesquelles voter.
    [no_votes] Pas encore de groupes : personne n’a encore voté sur les réponses (bouton « { $card } »).
    [too_few_participants] Pas encore de groupes : trop peu de membres ont assez voté ; il faut environ { $votes ->
        [one] { $votes } vote
       *[other] { $votes } votes
    } de plus (bouton « { $card } »).
    [one_opinion] Pas de groupes : les votes ne dessinent qu’un seul camp.
   *[no_structure] Pas encore de groupes nets : il faut environ { $votes ->
        [one] { $votes } vote
       *[other] { $votes } votes
    } de plus (bouton « { $card } »).
}
groups-missing-closed = { $missing ->
    [too_few_replies] Pas de groupes : il fallait au moins deux réponses sur lesquelles voter.
    [no_votes] Pas de groupes : personne n’a voté sur les réponses.
    [too_few_participants] Pas de groupes : trop peu de membres ont assez voté (il aurait fallu environ { $votes ->
        [one] { $votes } vote
       *[other] { $votes } votes
    } de plus).
    [one_opinion] Pas de groupes : les votes ne dessinent qu’un seul camp.
   *[no_structure] Pas de groupes nets : les votes n’ont pas suffi (il aurait fallu environ { $votes ->
        [one] { $votes } vote
       *[other] { $votes } votes
    } de plus).
}
groups-group = Groupe { $letter } ({ $n ->
        [one] { $n } membre
       *[other] { $n } membres
    })
groups-agree = d’accord avec « { $quote } »
groups-disagree = pas d’accord avec « { $quote } »
summary-edited-after-votes = (modifiée après les votes)
groups-consensus = Ce qui rassemble
groups-divisive = Ce qui divise
groups-bridging = Ce qui rassemble au-delà des camps
groups-profile = { $n ->
    [one] Une réponse qui décrit son auteur (âge, origine…) est laissée hors des groupes.
   *[other] { $n } réponses qui décrivent leur auteur (âge, origine…) sont laissées hors des groupes.
}

## Rapport texte (python -m bot analyze --format text)
report-question = Question : { $question }
report-counts = { $participants ->
        [one] { $participants } participant
       *[other] { $participants } participants
    }, { $replies ->
        [one] { $replies } réponse
       *[other] { $replies } réponses
    }
report-stances = Positions (déclarées + déduites = total)
report-stance = { $option } : { $declared } + { $inferred } = { NUMBER($combined, useGrouping: "true") }
report-leanings = Réponses qui penchent, sans certitude : { $counts }
report-leaning-item = { $option } { $n }
report-arguments = Arguments
report-no-argument = (aucun argument assez sûr)
report-keywords = Mots-clés
report-option-keywords = Mots qui distinguent « { $option } » : { $words }
report-groups = Groupes d’opinion
report-group = Groupe { $letter } : { $n ->
        [one] { $n } membre
       *[other] { $n } membres
    }
report-agrees = d’accord avec « { $quote } »
report-disagrees = pas d’accord avec « { $quote } »
report-profile = ({ $n ->
        [one] { $n } réponse décrivant son auteur laissée
       *[other] { $n } réponses décrivant leur auteur laissées
    } hors des groupes)
report-consensus = Points de consensus
report-divisive = Points qui divisent
report-bridging = Ce qui rassemble au-delà des camps
report-empty = Aucune discussion.
report-themes = Thèmes
report-theme = { $label } : { $n ->
        [one] { $n } réponse
       *[other] { $n } réponses
    }{ $mix }
report-themes-unclear = { $closed ->
        [yes] (pas de thèmes nets)
       *[no] (pas encore de thèmes nets)
    }

## Graphiques du résumé
chart-declared = Déclarées
chart-inferred = Déduites des réponses
chart-members = Membres
# Sous une barre, une option faite d’emoji seulement (la police du graphique n’en a pas).
chart-option = Option { $n }
chart-no-stance = Aucune position pour l’instant
chart-no-stance-closed = Aucune position, ni déclarée ni déduite
chart-alt-stances = Positions par option : déclarées et déduites des textes
chart-alt-map = Carte des opinions : chaque point est un membre, coloré selon son groupe
chart-alt-map-you = Carte des opinions : chaque point est un membre, coloré selon son groupe ; l’étoile, c’est vous
chart-you = Vous
chart-map-title = Carte des opinions
chart-group = Groupe { $letter }
chart-group-size = { $n ->
    [one] { $n } membre
   *[other] { $n } membres
}
chart-ungrouped = Sans groupe

## Graphique de /stats (participation)
chart-participants = Participants
chart-replies = Réponses
chart-discussion = Discussion n°
chart-hour-axis = Heure ({ $zone })
chart-per-discussion = Participation aux dernières discussions
chart-per-hour = Réponses selon l’heure
chart-alt-participation = Graphique de participation : membres et réponses de chacune des dernières discussions, puis réponses selon l’heure ({ $zone })
# Une graduation d'heure sur l'axe du graphique.
chart-hour = { $hour } h
# La part des membres du serveur qui ont pris part à une discussion, au-dessus de sa barre.
chart-share = { $percent } %

## Réponses enregistrées
answers-title = Réponses enregistrées
answers-none = Aucune réponse enregistrée.
answers-none-found = Aucune réponse enregistrée ne contient ce qui est cherché.
answers-searched = Recherche : « { $search } »
answers-line = `{ $id }` · discussion n° { $discussion } · **{ $author }** · { $when } · [lien]({ $link })
answers-exported = Voici l’export.
answers-deleted = Le texte de la réponse { $id } est effacé (noté dans le journal).
answers-deleted-discord-later = Discord n’a pas répondu à l’instant : sa copie de cette réponse sera retirée d’ici quelques minutes.
page-previous = Précédent
page-next = Suivant

## Mes données
mydata-title = Vos données sur ce serveur
mydata-intro = Voici ce que le bot garde sur vous ici :
mydata-counts = { $replies ->
        [one] { $replies } réponse
       *[other] { $replies } réponses
    } · { $stances ->
        [one] { $stances } position
       *[other] { $stances } positions
    } · { $votes ->
        [one] { $votes } vote
       *[other] { $votes } votes
    } · { $suggestions ->
        [one] { $suggestions } question proposée
       *[other] { $suggestions } questions proposées
    }
mydata-is-opted-out = Vous avez refusé l’enregistrement : rien de nouveau n’est gardé.
mydata-stances = Vos positions
mydata-replies = Vos dernières réponses
mydata-stance-line = n° { $id } { $question } → **{ $option }**
mydata-reply-line = [n° { $id }]({ $link }) { $text }
mydata-delete-confirm = Effacer le texte de toutes vos réponses, leurs versions, vos positions, vos votes et vos propositions de questions (avec leurs fiches dans le salon de la modération) sur ce serveur ? C’est définitif.
mydata-confirm = Oui, tout effacer
mydata-cancel = Annuler
mydata-erased = C’est fait : vos données sont effacées ({ $n ->
        [one] { $n } réponse
       *[other] { $n } réponses
    }, { $suggestions ->
        [one] { $suggestions } proposition
       *[other] { $suggestions } propositions
    }).
mydata-kept = Rien n’a été effacé.
cmd-erase-and-leave = effacer-et-quitter
cmd-erase-and-leave-desc = Effacer tout ce que le bot a enregistré sur ce serveur, puis le quitter
erase-server-warning = ⚠️ Tout effacer et quitter **{ $server }** ?
    Le bot efface tout ce qu’il a enregistré sur ce serveur : chaque réponse et ses versions, chaque vote, chaque position, chaque proposition de question, les discussions et leurs résumés, les réglages, la banque de questions, les sessions de la salle d’examen web et les rapports publiés. Puis il quitte le serveur. C’est définitif : invité de nouveau, il repartira de zéro avec /configurer.
    { $by ->
        [id] Son nom n’affiche rien : pour confirmer, tapez l’identifiant de ce serveur, **{ $server }**, dans le formulaire.
       *[name] Pour confirmer, tapez le nom exact du serveur dans le formulaire.
    }
erase-server-open = Effacer et quitter…
erase-server-cancel = Annuler
erase-server-kept = Rien n’a été effacé ; le bot reste sur le serveur.
erase-server-form-title = Tout effacer et quitter
erase-server-form-label = Le nom du serveur, pour confirmer
erase-server-wrong-name = { $by ->
        [id] Ce n’est pas l’identifiant de ce serveur : rien n’a été effacé.
       *[name] Ce n’est pas le nom du serveur : rien n’a été effacé.
    } Pour confirmer, tapez exactement **{ $server }**.
erase-server-leaving = 👋 Le bot quitte **{ $server }** et efface tout ce qu’il y avait enregistré. Au revoir !
erase-server-not-left = Discord n’a pas laissé le bot quitter le serveur : rien n’a été effacé, et il reste comme avant. Réessayez dans un instant.
erase-server-under-way = L’effacement de ce serveur est déjà fait ou en cours : rien n’a été effacé deux fois.
mydata-opted-out = Entendu : plus rien de vous ne sera enregistré ici, ni messages, ni clics, ni réactions. Vos données passées restent, sauf si vous les effacez (/mesdonnées effacer).
mydata-opted-in = Entendu : vos messages, vos clics et vos réactions sont de nouveau enregistrés ici.

## Erreurs
error-guild-only = Cette commande ne fonctionne que sur un serveur.
error-staff-only = Cette commande est réservée à l’équipe de modération.
error-bad-value = Cette valeur n’est pas valide.
error-database-unavailable = La base de données ne répond pas pour l’instant ; rien n’est perdu. Réessayez dans un instant.
error-unexpected = Quelque chose s’est mal passé de notre côté. Réessayez dans un instant.
error-not-found-discussion = Discussion introuvable sur ce serveur.
error-not-found-question = Question introuvable sur ce serveur.
error-not-found-reply = Réponse introuvable sur ce serveur.
error-search-empty = Cette recherche ne contient aucun mot à chercher.
error-cron = Le cron « { $cron } » n’est pas valide : { $detail ->
        [cron_never] la date qu’il désigne n’arrive jamais (comme le 30 février). Exemple : « 0 18 1 * * » (le 1er de chaque mois à 18 h).
        [cron_too_long] il dépasse { $max } caractères ; une plage (1-28) ou un pas (*/2) dit la même chose plus court.
        [cron_invalid] un champ contient une valeur hors limites ou mal écrite (minute 0–59, heure 0–23, jour 1–31, mois 1–12, jour de la semaine 0–7, lun–dim ou lundi–dimanche), par ex. « 0 18 * * 1 ».
       *[other] il faut 5 champs (minute heure jour mois jour-de-la-semaine), par ex. « 0 18 * * 1 ».
    }
error-timezone = Fuseau horaire inconnu : « { $timezone } ». Exemple : Europe/Paris.
error-timezone-offset = « { $timezone } » est un décalage par rapport à UTC, pas un fuseau horaire : la plupart des lieux changent le leur à l’heure d’été. Choisissez le fuseau de votre lieu dans la liste de l’option fuseau (tapez votre ville, ou { $timezone } pour voir les fuseaux à ce décalage aujourd’hui), par exemple Europe/Paris.
error-timezone-offset-fixed = « { $timezone } » est un décalage par rapport à UTC, pas un fuseau horaire : la plupart des lieux changent le leur à l’heure d’été. Choisissez le fuseau de votre lieu dans la liste de l’option fuseau (tapez votre ville, ou { $timezone } pour voir les fuseaux à ce décalage aujourd’hui), par exemple Europe/Paris. Pour garder { $timezone } toute l’année, choisissez { $fixed }.
error-duration = La durée doit être comprise entre { $min } et { $max } heures.
error-language = Langue non prise en charge (fr ou en).
error-retention = La conservation doit être comprise entre 0 et { $max } jours.
error-channel-kind = Choisissez un salon forum ou un salon textuel.
error-bot-permissions = Le bot ne peut pas publier dans ce salon. Permissions manquantes : { $permissions }.
permission-view-channel = Voir le salon
permission-send-messages = Envoyer des messages
permission-send-messages-in-threads = Envoyer des messages dans les fils
permission-manage-threads = Gérer les fils
permission-embed-links = Intégrer des liens
permission-attach-files = Joindre des fichiers
permission-read-message-history = Voir les anciens messages
permission-create-public-threads = Créer des fils publics
error-forum-tag-required = Ce forum exige une étiquette sur chaque publication, et il n’a pas d’étiquette « Et vous ? » (le bot n’en crée une qu’avec la permission Gérer les salons) : créez-la, puis relancez /configurer salon:.
error-channel-missing = Le salon des discussions n’existe plus. Choisissez-en un autre avec /configurer.
error-not-setup = Le bot n’est pas encore configuré ici : lancez /configurer.
error-bank-empty = Toutes les questions de la banque ont été publiées. Ajoutez-en avec /question ajouter ou /question importer.
error-discord-unavailable = Discord ne répond pas pour l’instant ; rien n’a été publié. Réessayez plus tard.
error-discord-no-answer-post = Discord n’a pas répondu à la publication : rien n’est enregistré, et la question est revenue dans la banque. Si une publication est tout de même apparue dans le salon, supprimez-la avant de republier.
error-discussion-needed = Indiquez une discussion, ou lancez la commande dans son fil.
error-already-closed = Cette discussion est déjà close.
error-thread-gone = Le fil de cette discussion n’existe plus (il a été supprimé dans Discord) : la discussion ne peut pas être rouverte.
error-reopen-unlock = Le bot ne peut pas déverrouiller le fil de cette discussion, où personne ne pourrait donc répondre : la discussion reste close. Donnez au bot la permission { $permissions } dans le salon des discussions, puis rouvrez-la.
error-reopen-no-answer = Discord n’a pas répondu quand le bot a rouvert le fil : la discussion n° { $id } reste close. Réessayez dans un instant.
error-not-closed = Cette discussion est encore ouverte.
error-extend-hours = Indiquez de 1 à { $max } heures.
error-extend-closed = La discussion n° { $id } est close : rouvrez-la avec /discussion rouvrir.
error-extend-too-long = { $left ->
        [0] Une discussion ne peut pas rester ouverte plus de { $max } heures à partir de maintenant, et la clôture de celle-ci est déjà à cette limite.
       *[other] Une discussion ne peut pas rester ouverte plus de { $max } heures à partir de maintenant : ajoutez-en { $left } au plus.
    }
error-extend-busy = La clôture de cette discussion vient de changer : réessayez.
error-closed = Cette discussion est close : on ne peut plus y répondre ni voter.
error-option = Option inconnue.
error-opted-out = Vous avez refusé l’enregistrement sur ce serveur (/mesdonnées accepter pour revenir).
error-empty-reply = Votre réponse est vide.
error-reply-too-long = Votre réponse dépasse { $max } caractères.
error-reply-forbidden = Le bot n’a pas le droit d’écrire dans le fil de cette discussion : votre réponse n’a pas été publiée. Écrivez-la vous-même dans le fil, ou prévenez l’équipe de modération.
error-reply-not-allowed = Vous n’avez pas le droit d’écrire dans le fil de cette discussion : le bot ne publie donc pas à votre place.
error-thread-locked = L’équipe de modération a verrouillé le fil de cette discussion : les réponses n’y sont pas prises pour le moment.
error-timed-out = Une exclusion temporaire vous empêche d’agir sur ce serveur : ni position, ni vote, ni réponse n’est pris en compte avant qu’elle prenne fin.
error-own-reply = Vous ne pouvez pas voter sur votre propre réponse.
error-question-empty = La question est vide.
error-question-no-words = La question ne contient aucun mot.
error-question-too-long = La question dépasse { $max } caractères.
error-question-too-long-spaced = Avec les espaces insécables que le français met avant les points d’interrogation et d’exclamation, les deux-points et les points-virgules, la question compte { $length } caractères, plus de { $max } : raccourcissez-la un peu.
error-question-duplicate = Cette question est déjà dans la banque (question n° { $id }).
error-question-edit-nothing = Indiquez ce qui change : le texte, les options ou la catégorie.
error-options = Options invalides : de { $min } à { $max } options séparées par |, chacune de 1 à { $chars } caractères, sans doublon.
error-options-blank = Les options n’ont pas d’intitulé : celles données n’affichent rien (que des espaces ou des caractères invisibles). Séparez-les par |, par ex. Oui|Non|Nuancé, ou omettez l’option : { $left ->
        [kept] les options restent telles quelles.
       *[chosen] elles sont alors choisies d’après la formulation de la question.
    }
error-format = Format inconnu (jsonl ou csv).
error-csv-dialect = Variante de CSV inconnue (rfc4180 ou excel).
error-export-too-large = L’export dépasse la taille d’un fichier Discord : téléchargez-le depuis la salle d’examen web (/examen, puis Exporter), qui l’envoie en entier ; l’hébergeur du bot peut aussi lancer « python -m bot export ».
error-import-too-large = L’article dépasse 1 Mo.
error-import-not-utf8 = L’article n’est pas du texte UTF-8.
error-import-no-section = Aucune section « Et vous ? » (ni « And you? », « Over to you ») dans cet article.
error-import-no-question = La section « { $heading } » ne contient aucune question.
error-import-questions-too-long = Toutes les questions de la section « { $heading } » dépassent { $max } caractères.
error-import-questions-too-long-spaced = Avec les espaces insécables que le français met avant les points d’interrogation et d’exclamation, les deux-points et les points-virgules, toutes les questions dépassent { $max } caractères (la plus courte en compte { $length }) : raccourcissez-les un peu.
error-import-bad-options = Options invalides.
error-import-too-many = Trop de questions d’un coup (au plus { $max }).
error-import-file-and-link = Donnez le fichier de l’article ou son lien, pas les deux.
error-import-no-file-or-link = Joignez le fichier de l’article ou donnez son lien (option lien).
error-link-too-long = Ce lien est trop long (au plus { $max } caractères).
error-link-invalid = Ce lien n’est pas une adresse web valable.
error-link-scheme = Seuls les liens http:// et https:// sont acceptés.
error-link-credentials = Le lien ne doit contenir ni identifiant ni mot de passe.
error-link-refused = Ce lien mène à une adresse privée ou locale : le bot ne lit que des pages publiques.
error-fetch-dns = Le site { $host } est introuvable : vérifiez le lien.
error-fetch-connect = Le site { $host } ne répond pas : réessayez plus tard ou joignez l’article en fichier.
error-fetch-tls = La connexion sécurisée à { $host } a échoué (certificat non valable) : la page n’a pas été lue.
error-fetch-timeout = Le site { $host } n’a pas envoyé la page en { $seconds } s : réessayez plus tard ou joignez l’article en fichier.
error-fetch-broken = La réponse de { $host } est coupée ou illisible : réessayez plus tard.
error-fetch-redirects = Ce lien renvoie vers une autre adresse plus de { $max } fois : donnez l’adresse finale de l’article.
error-fetch-status = { $status ->
    [404] Le site { $host } ne trouve pas cette page (erreur 404) : vérifiez le lien.
    [410] Le site { $host } ne trouve pas cette page (erreur 410) : vérifiez le lien.
    [401] Le site { $host } demande une connexion pour cette page (erreur 401) : joignez l’article en fichier.
    [403] Le site { $host } refuse de donner cette page (erreur 403) : joignez l’article en fichier.
   *[other] Le site { $host } a répondu par l’erreur { $status } : la page n’a pas été lue.
}
error-fetch-too-large = La page de { $host } dépasse 1 Mo (sa mise en page et ses scripts comptent aussi) : joignez le texte de l’article en fichier.
error-fetch-type = Ce lien ne mène pas à une page web ni à du texte (type { $type }) : joignez l’article en fichier.

## Question du jour : commandes
cmd-suggest = proposer
cmd-suggest-desc = Proposer une question pour les discussions
cmd-suggestions = propositions
cmd-question-suggestions-desc = Les propositions des membres en attente
cmd-preview = aperçu
cmd-question-preview-desc = Voir la prochaine publication en privé
cmd-stats = stats
cmd-stats-desc = La participation aux discussions
cmd-leaderboard = classement
cmd-leaderboard-desc = Les participants les plus réguliers du mois
cmd-view = voir
cmd-leaderboard-view-desc = Le classement du mois
cmd-hide = masquer
cmd-leaderboard-hide-desc = Ne plus figurer au classement
cmd-unhide = réafficher
cmd-leaderboard-unhide-desc = Figurer de nouveau au classement
opt-category = catégorie
opt-category-desc = Une catégorie de la banque (facultatif)
opt-category-filter-desc = Seulement cette catégorie
opt-import-category-desc = La catégorie de toutes les questions importées
opt-suggest-text-desc = Votre question
opt-preview-id-desc = Une question de la banque (défaut : la prochaine)
opt-stats-member-desc = Un membre (défaut : tout le serveur)
opt-month = mois
opt-month-desc = AAAA-MM (défaut : ce mois-ci)
opt-review-channel = salon_propositions
opt-review-channel-desc = Salon ou fil de l’équipe où examiner les propositions
opt-credit = créditer_auteurs
opt-credit-desc = Nommer sur la publication le membre qui a proposé la question
opt-reminder-hours = rappel_heures
opt-reminder-hours-desc = Rappel tant d’heures avant la clôture d’une discussion (0 : aucun)
opt-reminder-role = rôle_rappel
opt-reminder-role-desc = Un rôle à mentionner dans le rappel (défaut : personne)
opt-question-role = rôle_questions
opt-question-role-desc = Un rôle à mentionner à chaque nouvelle question (défaut : personne)
opt-leaderboard = classement
opt-leaderboard-desc = Classement mensuel de la participation
opt-hide-counts = masquer_compteurs
opt-hide-counts-desc = Masquer les compteurs de positions jusqu’à la clôture
opt-categories = catégories
opt-categories-desc = Catégories publiées, dans l’ordre de rotation, séparées par des virgules (* pour toutes)
opt-clear = désactiver
opt-clear-desc = Désactiver une option
clear-review-channel = salon des propositions
clear-reminder-role = rôle du rappel
clear-question-role = rôle des questions

## Question du jour : publications et rappels
post-category = Catégorie
post-suggested-by = 💡 Proposée par
post-counts-hidden = Les compteurs seront dévoilés à la clôture.
# { $left } : reminder-left-hours ou reminder-left-minutes, « que » compris (élidé devant « une »)
reminder-left-hours = { $n ->
    [one] qu’une heure
   *[other] que { $n } heures
}
reminder-left-minutes = { $n ->
    [one] qu’une minute
   *[other] que { $n } minutes
}
reminder-time = ⏰ **Plus { $left }** pour participer : la discussion se clôt { $closes }.
reminder-so-far = Jusqu’ici : { $participants ->
    [one] { $participants } participant
   *[other] { $participants } participants
} · { $replies ->
    [one] { $replies } réponse
   *[other] { $replies } réponses
}.
reminder-stances = Positions : { $stances }
preview-intro = 👁️ Aperçu de la question n° { $id }, telle que les membres la verront (ses boutons fonctionneront et son heure de clôture sera fixée une fois la question publiée) :
preview-when = Le programme la publiera { $when }, sauf si une autre question est choisie pour passer avant.
preview-by-hand = Publiez-la avec /question publier.

## Question du jour : propositions
suggestion-sent = Merci ! Votre proposition n° { $id } est transmise à l’équipe de modération, qui vous enverra sa décision par message privé si vous acceptez les messages privés de ce serveur.
suggestion-dm-approved = 💡 Bonne nouvelle : votre proposition pour **{ $server }** est retenue : « { $text } »
    { $next ->
        [yes] Ce sera la prochaine question publiée.
        [queued] Elle passera avant le reste de la banque, après les questions déjà choisies pour passer ensuite.
        [outside] Elle rejoint la banque de questions ; l’équipe de modération choisira quand la publier.
       *[no] Elle rejoint la banque de questions : elle sera publiée à son tour.
    }
suggestion-dm-rejected = Votre proposition pour **{ $server }** n’a pas été retenue : « { $text } »
review-title = 💡 Proposition n° { $id }
review-options = Options
review-by = Proposée par
review-when = Envoyée
review-decision = Décision
review-approve = Approuver
review-approve-next = Approuver, publier ensuite
review-edit = Modifier
review-reject = Refuser
review-approved = ✅ Approuvée par { $by } : question n° { $id }, en fin de banque.
review-approved-outside = ✅ Approuvée par { $by } : question n° { $id }, hors des catégories publiées ({ $categories }) : le programme ne la publiera pas. Rangez-la dans l’une d’elles (/question modifier), ou publiez-la avec /question publier.
review-approved-next = ✅ Approuvée par { $by } : question n° { $id }, publiée ensuite.
review-approved-queued = ✅ Approuvée par { $by } : question n° { $id }, publiée après { $ahead ->
    [one] la question déjà choisie pour passer ensuite.
   *[other] les { $ahead } questions déjà choisies pour passer ensuite.
}
review-rejected = ✖️ Refusée par { $by }.
review-reason = Raison : { $reason }
review-reason-title = Raison
review-earlier = Déjà suggérée
review-rejected-before = Déjà refusée le { $when }.
review-not-told = La décision est enregistrée, mais impossible de l’annoncer à { $member } en message privé (messages privés fermés, ou Discord n’a pas répondu).
reject-title = Refuser la proposition n° { $id }
reject-reason-label = Raison (facultative, envoyée au membre)
edit-title = Modifier la proposition n° { $id }
edit-text-label = Question
edit-options-label = Options séparées par | (vide : par défaut)
edit-category-label = Catégorie (facultative)
suggestions-title = Propositions en attente ({ NUMBER($total, useGrouping: "true") })
suggestions-empty = Aucune proposition en attente.
suggestions-legend = Choisissez une proposition dans le menu pour l’examiner.
suggestions-pick = Examiner une proposition…

## Question du jour : réglages
setting-on = activé
setting-off = désactivé
setting-suggestions = Propositions
setting-review-silent = pas de salon d’examen : elles attendent dans /question propositions
setting-review-lacking = ⚠️ Le bot ne peut plus y publier les propositions : il lui manque { $permissions }. D’ici là, elles attendent dans /question propositions.
setting-review-unreviewed = { $n ->
    [one] { $n } proposition attend sans carte dans ce salon : /question propositions la montre.
   *[other] { $n } propositions attendent sans carte dans ce salon : /question propositions les montre.
}
setting-credit = Auteur nommé sur la publication : { $state }
setting-reminder = Rappel
setting-reminder-before = { $hours } avant la clôture
setting-reminder-role = mentionne { $role }
setting-reminder-role-waiting = { $role } sera mentionné une fois { $option } choisi
setting-question-role = Nouvelles questions
setting-question-role-on = mentionnent { $role }
setting-question-role-off = ne mentionnent personne
setting-role-silent = ⚠️ Discord ne laisse plus le bot prévenir { $role } : rendez le rôle mentionnable (Paramètres du serveur → Rôles) ou donnez au bot la permission « Mentionner @everyone, @here et tous les rôles ».
setting-counts = Compteurs sur la publication
setting-counts-hidden = masqués jusqu’à la clôture
setting-counts-shown = affichés en direct
setting-leaderboard = Classement mensuel
setting-categories = Catégories publiées
setting-categories-all = toutes, dans l’ordre de la banque

## Question du jour : statistiques
stats-shown = Voici les chiffres :
stats-server-title = Participation aux dernières discussions
stats-discussion-line = **n° { $id }** { $question } : { $participants ->
        [one] { $participants } participant
       *[other] { $participants } participants
    }, { $replies ->
        [one] { $replies } réponse
       *[other] { $replies } réponses
    }{ $share }
stats-share = { " · " }{ $percent } % des membres
stats-no-discussion = Aucune discussion publiée pour l’instant.
stats-busiest = Heures les plus actives ({ $zone })
stats-hour = { $hour } h
stats-member-title = Participation
stats-member = { $member } a participé à { $answered ->
        [one] { $answered } discussion
       *[other] { $answered } discussions
    } sur { $discussions } ({ $replies ->
        [one] { $replies } réponse
       *[other] { $replies } réponses
    }).
stats-current-streak = Série en cours
stats-best-streak = Meilleure série
# The value of either streak: discussions taken part in one after another; $kind is
# current or best (none: never taken part, or not in the last discussion).
stats-streak = { $n ->
        [0] { $kind ->
                [current] Aucune série en ce moment
               *[best] Aucune série pour l’instant
            }
        [one] { $n } discussion
       *[other] { $n } discussions d’affilée
    }
leaderboard-shown = Voici le classement :
leaderboard-title = Participants les plus réguliers, { $month }
month-in-year = { $month } { $year }
month-1 = janvier
month-2 = février
month-3 = mars
month-4 = avril
month-5 = mai
month-6 = juin
month-7 = juillet
month-8 = août
month-9 = septembre
month-10 = octobre
month-11 = novembre
month-12 = décembre
leaderboard-line = **{ $rank }.** { $member } : { $discussions ->
        [one] { $discussions } discussion
       *[other] { $discussions } discussions
    }, { $replies ->
        [one] { $replies } réponse
       *[other] { $replies } réponses
    }
leaderboard-line-yours = { leaderboard-line } ← vous
leaderboard-more = …et { $n ->
        [one] { $n } autre
       *[other] { $n } autres
    } aux mêmes places
leaderboard-empty = Personne n’a encore participé ce mois-ci.
leaderboard-you = Votre place
leaderboard-you-hidden = Vous avez quitté le classement : il ne vous montre pas, et les autres membres ne voient pas vos chiffres. /classement réafficher pour y figurer de nouveau.
leaderboard-you-opted-out = Vous avez refusé l’enregistrement sur ce serveur : votre participation n’est pas comptée. /mesdonnées accepter pour qu’elle le soit de nouveau.
leaderboard-footer = La participation, pas les « meilleures » réponses · /classement masquer pour en sortir
leaderboard-footer-hidden = La participation, pas les « meilleures » réponses
leaderboard-hidden = C’est fait : vous ne figurez plus au classement, et les autres membres ne voient plus vos chiffres.
leaderboard-unhidden = C’est fait : vous figurez de nouveau au classement.

## Question du jour : erreurs
error-not-found-suggestion = Proposition introuvable sur ce serveur.
error-suggestion-asked = Cette question a déjà été posée : discussion n° { $id }, { $thread }.
error-suggestion-duplicate = Cette question a déjà été proposée (proposition n° { $id }) ; elle attend l’avis de l’équipe.
error-suggestion-decided = La proposition n° { $id } a déjà été traitée.
error-suggest-rate = Vous pouvez proposer { $n ->
        [one] { $n } question
       *[other] { $n } questions
    } par jour. Prochaine proposition possible { $again }.
error-category = Une catégorie compte de 1 à { $max } caractères : lettres, chiffres, espaces, - et ’.
error-category-blank = Une catégorie a besoin d’un nom : celle qui est donnée n’affiche rien (seulement des espaces ou des caractères invisibles).
error-categories = Indiquez de 1 à { $max } catégories séparées par des virgules, ou * pour toutes les questions.
error-category-unknown = La banque n’a pas de catégorie « { $name } ». Catégories connues : { $known }.
error-category-none = La banque n’a pas de catégorie « { $name } » : aucune question n’en a encore. Donnez-en une avec /question modifier catégorie: ou /question ajouter catégorie:, puis relancez /configurer catégories:.
error-setup-channel-first = Choisissez d’abord le salon des discussions : /configurer salon:#…
error-review-channel-kind = Le salon d’examen doit être un salon textuel ou un fil.
error-review-channel-no-answer = Discord n’a pas répondu quand le bot a demandé ce fil : rien n’a été changé. Réessayez dans un instant.
error-reminder-hours = Le rappel doit être compris entre 0 (aucun) et { $max } heures.
error-reminder-too-late = Un rappel { $reminder } h avant la clôture ne serait jamais envoyé : les discussions durent { $duration } h, il doit tomber avant la clôture et après l’ouverture. Choisissez un rappel de moins de { $duration ->
        [one] { $duration } heure
       *[other] { $duration } heures
    } (/configurer rappel_heures:), ou 0 pour le désactiver.
error-cron-too-frequent = Le programme « { $cron } » publie trop souvent : il faut au moins { $hours ->
    [one] 1 heure
   *[other] { $hours } heures
} entre deux questions, sinon les discussions s’empilent. Exemple : « 0 18 * * * » (chaque jour à 18 h).
error-reminder-everyone = Le bot ne mentionne pas @everyone : choisissez un rôle.
error-reminder-role-silent = Le bot ne peut pas prévenir { $role } : Discord ne le laisse mentionner ce rôle que si le rôle est mentionnable (Paramètres du serveur → Rôles) ou si le bot a la permission « Mentionner @everyone, @here et tous les rôles ». Changez l’un des deux, puis relancez /configurer.
error-counts-hidden = Les compteurs sont masqués jusqu’à la clôture de la discussion ({ $closes }).
error-leaderboard-off = Le classement est désactivé sur ce serveur (/configurer classement).
error-month = Indiquez le mois sous la forme AAAA-MM, par ex. 2026-11.
error-month-range = Pas de classement pour { $month } : indiquez un mois entre { $first } (l’ouverture de Discord) et { $last } (ce mois-ci).
error-stats-opted-out = Ce membre a refusé l’enregistrement : aucune de ses participations n’est comptée.
error-stats-hidden = Ce membre a choisi de ne pas figurer dans les chiffres.
error-rotation-empty = Plus aucune question dans les catégories publiées ({ $categories }). Ajoutez-en, ou changez /configurer catégories.

## Aide (/aide)
cmd-help = aide
cmd-help-desc = Comment fonctionne Et vous ? sur ce serveur
help-title = Et vous ? — mode d’emploi
help-intro = Les questions « Et vous ? » qui terminent les articles deviennent ici des discussions. Le bot publie une question selon le programme du serveur et chacun répond dans son fil. À la clôture, il publie un résumé : qui pense quoi, les arguments de chaque camp dans vos propres mots, les thèmes abordés, les groupes d’opinion et ce qui les rassemble.
help-here = Sur ce serveur
help-not-setup = Pas encore configuré : un membre de l’équipe lance { $setup }.
help-channel = Les questions paraissent dans { $channel }.
help-channel-hidden = Les questions paraissent dans un salon que vous ne voyez pas.
help-next = Prochaine question { $when } ({ $date }).
help-paused = Les publications sont en pause.
help-no-next = Aucune publication n’est prévue.
help-schedule = Rythme : { $schedule } ({ $timezone }).
help-open = { $count ->
    [one] Une discussion est ouverte :
   *[other] { $count } discussions sont ouvertes :
}
help-open-line = { $thread }, clôture { $closes }
help-open-more = { $count ->
    [one] … et une autre.
   *[other] … et { $count } autres.
}
help-none-open = Aucune discussion n’est ouverte en ce moment.
help-take-part-title = Participer
help-take-part =
    • Répondez dans le fil de la question, ou avec le bouton « { $reply } ».
    • Donnez votre position d’un clic sous la question ; vous pouvez la changer ou la retirer.
    • « { $card } » : dites si vous êtes d’accord avec les réponses des autres membres, une à une ; « { $standing } » ou { $position } vous montre ensuite votre groupe d’opinion.
    • Proposez une question avec { $suggest }.
help-data-title = Vos données
help-data = Ce que vous écrivez dans le fil d’une discussion est conservé pour en faire le résumé. { $show } vous le montre, { $delete } l’efface et { $optout } arrête de le conserver.
help-commands-title = Vos commandes
help-staff-title = Pour l’équipe
help-more = (suite)
help-context-menu = sur un message : clic droit › Applications
help-footer = Seules les commandes que vous pouvez utiliser sont listées.
welcome-new = 👋 Merci de m’avoir invité ! Je transforme les questions « Et vous ? » qui terminent les articles en discussions : une question publiée selon votre programme, les réponses dans son fil, et un résumé à la clôture (qui pense quoi, les arguments, les thèmes, les groupes d’opinion).
    Pour commencer, un membre de l’équipe (permission Gérer le serveur) lance { $setup } et choisit le salon des discussions, un forum de préférence. { $help } explique le reste à chacun.
welcome-back = 👋 Me revoilà. { $help } explique comment je fonctionne ici.
welcome-back-paused = 👋 Me revoilà. Les publications restent en pause jusqu’à ce qu’un membre de l’équipe lance { $resume } ; ce qui a été écrit dans les discussions ouvertes pendant mon absence est relu. { $help } explique comment je fonctionne ici.

## The schedule in words (bot/cron_words.py): « Le lundi à 18 h (Europe/Paris) »
cron-in-zone = { $schedule } ({ $timezone })
cron-as-code = { $cron } ({ $timezone })
cron-at = { $when } à { $times }
cron-time = { $minute ->
    [0] { $hour } h
   *[other] { $hour } h { NUMBER($minute, minimumIntegerDigits: 2) }
}
cron-list-and = { $head } et { $last }
cron-every-day = tous les jours
cron-weekdays-work = du lundi au vendredi
cron-weekend = le week-end
cron-weekday-one = le { $day }
cron-weekday-range = du { $first } au { $last }
cron-weekday-list = les { $days }
cron-monthday = { $day ->
    [1] 1er
   *[other] { $day }
}
cron-monthday-item = le { $day }
cron-monthday-list = { $days } du mois
cron-monthday-range = du { $first } au { $last } du mois
cron-only-monthdays = { $schedule }, seulement { $monthdays }
cron-in-months = { $schedule }, { $months }
cron-month-list = en { $months }
cron-month-range = { $first } à { $last }
cron-day-0 = dimanche
cron-day-1 = lundi
cron-day-2 = mardi
cron-day-3 = mercredi
cron-day-4 = jeudi
cron-day-5 = vendredi
cron-day-6 = samedi
cron-days-0 = dimanches
cron-days-1 = lundis
cron-days-2 = mardis
cron-days-3 = mercredis
cron-days-4 = jeudis
cron-days-5 = vendredis
cron-days-6 = samedis
cron-month-1 = janvier
cron-month-2 = février
cron-month-3 = mars
cron-month-4 = avril
cron-month-5 = mai
cron-month-6 = juin
cron-month-7 = juillet
cron-month-8 = août
cron-month-9 = septembre
cron-month-10 = octobre
cron-month-11 = novembre
cron-month-12 = décembre
cron-month-from-1 = de janvier
cron-month-from-2 = de février
cron-month-from-3 = de mars
cron-month-from-4 = d’avril
cron-month-from-5 = de mai
cron-month-from-6 = de juin
cron-month-from-7 = de juillet
cron-month-from-8 = d’août
cron-month-from-9 = de septembre
cron-month-from-10 = d’octobre
cron-month-from-11 = de novembre
cron-month-from-12 = de décembre

## Notice to staff in the review channel: the schedule cannot post (once per problem)
notice-missing-permissions = ⚠️ Programme suspendu : le bot ne peut plus publier les questions dans { $channel }. Il lui manque : { $permissions }. Donnez-lui ces permissions dans le salon, puis lancez /programme reprendre.
notice-channel-missing = ⚠️ Programme suspendu : le salon des discussions a été supprimé. Choisissez-en un autre avec /configurer salon:.
notice-forum-tag = ⚠️ Programme suspendu : le forum { $channel } exige une étiquette sur chaque publication, et il n’a pas d’étiquette « Et vous ? » (le bot n’en crée une qu’avec la permission Gérer les salons). Créez-la dans le forum, puis relancez /configurer salon:.
notice-bank-empty = ⚠️ Aucune question n’a été publiée à ce créneau : toutes les questions de la banque ont été publiées. Ajoutez-en avec /question ajouter ou /question importer ; le créneau suivant publiera la première.
notice-post-failed = ⚠️ La question prévue le { $slot } n’a pas été publiée : la publication a échoué { $tries } fois de suite, le plus souvent une panne passagère de Discord. Elle reste dans la banque, et le programme continue : le créneau suivant publiera comme prévu, et /question publier en publie une maintenant.
notice-rotation-empty = ⚠️ Aucune question n’a été publiée à ce créneau : il n’en reste plus dans les catégories publiées ({ $categories }). Ajoutez-en avec /question ajouter, ou changez /configurer catégories.
notice-summary-held = ⚠️ Le résumé de la discussion n° { $id } n’a pas pu être publié dans { $thread } : il manque au bot : { $permissions }. Donnez-lui ces permissions dans le salon : il sera publié à la minute suivante. `/résumé voir` l’affiche dès maintenant.
notice-quotes-held = ⚠️ Des réponses effacées sont encore citées dans le résumé de { $thread } : pour les retirer, il manque au bot : { $permissions }. Donnez-lui ces permissions dans le salon : elles seront retirées à la minute suivante.
notice-reminder-refused = ⚠️ Le rappel de la discussion n° { $id } n’a pas pu être publié dans { $thread } : il manque au bot : { $permissions }. Donnez-lui ces permissions dans le salon pour les prochains rappels.
