# La salle d’examen (web) et les rapports publics. Chaque clé existe aussi en anglais.
### Typographie : espace fine insécable (U+202F) avant ; ! ? et », après « ;
### espace insécable (U+00A0) avant : et entre un nombre et son unité (18 h, 50 %).
### Ces espaces sont écrites telles quelles (invisibles) ; tests/test_i18n.py les vérifie.

## /review et /summary publish dans Discord
cmd-review = examen
cmd-review-desc = Ouvrir la salle d’examen web (lien privé, 10 minutes)
review-link = Votre lien vers la salle d’examen (valable 10 minutes, une seule fois, pour vous seulement) : { $url }
review-disabled = La salle d’examen web est désactivée sur ce bot (WEB_ENABLED).
cmd-publish = publier
cmd-publish-desc = Rendre le résumé lisible par tous sur le web
cmd-unpublish = dépublier
cmd-unpublish-desc = Retirer le résumé public du web
cmd-summary-show-desc = Qui pense quoi, et pourquoi
report-published = Le résumé de la discussion n° { $id } est public : { $url }
report-web-disabled = Les résumés publics sont servis par la salle d’examen web, désactivée sur ce bot (WEB_ENABLED).
report-unpublished = Le résumé de la discussion n° { $id } n’est plus public.
report-not-published = Le résumé de la discussion n° { $id } n’était pas public.

## Navigation
# No arrow (→, ↗) in these words: the pages draw it after them, hidden from screen
# readers, which read it aloud (« flèche droite ») in each link's name.
web-brand = Et vous ?
web-nav-label = Salle d’examen
web-skip = Aller au contenu
web-nav-discussions = Discussions
web-nav-audit = Journal
web-nav-search = Recherche
web-nav-settings = Réglages
web-nav-sign-out = Se déconnecter
web-signed-out = Votre session est fermée.
web-console-new-link = Pour obtenir un nouveau lien, arrêtez cette salle (Ctrl+C là où elle tourne) et relancez python -m bot web --guild { $guild } : elle affiche un nouveau lien.
web-page-older = Plus anciennes
web-pages = Pages
# The replies' two pagers, above and below the list: landmarks named apart.
web-pages-top = Pages (haut de la liste)
web-pages-bottom = Pages (bas de la liste)
web-page-next = Suivantes
web-yes = oui
web-no = non
web-none = Rien pour l’instant.
web-cancel = Annuler
web-save = Enregistrer
web-open-in-discord = Ouvrir dans Discord
web-spoiler-show = Afficher le passage masqué par son auteur (spoiler)
# A masked spoiler's name for screen readers (the page shows ▒▒▒).
web-spoiler-masked = passage masqué

## Connexion (le lien de /examen)
web-login-title = Connexion à la salle d’examen
web-login-explain = Ce lien ne vaut qu’une fois, pour vous seulement : il servira quand vous appuierez sur le bouton.
web-login-button = Se connecter
web-login-unconfirmed = Cette connexion n’a pas été demandée depuis sa page : rouvrez votre lien et appuyez sur « Se connecter ».
web-login-no-cookie = Votre navigateur n’a pas gardé le cookie de cette page : autorisez les cookies pour ce site, puis rouvrez votre lien et appuyez sur « Se connecter ».

## Refus et erreurs
web-refused-session-missing = Connectez-vous d’abord.
web-refused-session-stale = Votre session a expiré.
web-refused-session-revoked = Vous ne gérez plus ce serveur : votre session a pris fin.
web-refused-login-malformed = Ce lien de connexion est incomplet.
web-refused-login-tampered = Ce lien de connexion n’est pas valide.
web-refused-login-expired = Ce lien de connexion a expiré (il vaut 10 minutes).
web-refused-login-used = Ce lien de connexion a déjà servi (il ne vaut qu’une fois).
web-refused-csrf = Ce formulaire a expiré : rechargez la page et recommencez.
web-refused-rate = Trop de tentatives de connexion : patientez une minute.
web-refused-hint = Pour obtenir un nouveau lien, tapez /examen dans votre serveur Discord (permission « Gérer le serveur »).
web-not-found = Page introuvable.
web-not-found-other-server = Votre session est celle du serveur « { $name } ». Pour une page d’un autre serveur, tapez /examen dans cet autre serveur : son lien vous y connecte.
web-server-line = Serveur : { $name }
web-wrong-method = Cette adresse répond à un formulaire, pas à un lien : revenez à la page précédente et utilisez son bouton.
web-bad-form = Ce formulaire est illisible : rechargez la page et réessayez.
web-address-too-long = Cette adresse est trop longue : revenez à la page précédente et raccourcissez votre recherche.
web-too-large = Ce formulaire est trop volumineux.
web-bad-encoding = Cette adresse contient des caractères illisibles (un encodage autre que l’UTF-8) : revenez à la page précédente et recommencez.
web-repeated-parameter = « { $name } » est donné plusieurs fois dans cette adresse : revenez à la page précédente et recommencez.
web-unexpected = Une erreur inattendue s’est produite ; elle a été consignée.
# A page's title when what was sent is refused on the page itself.
web-error-title = Erreur : { $title }
# A filter the admin typed is named by its label; any other name is a link's own.
web-bad-filter = { $name ->
    [q] Valeur non valide pour « { web-filter-search } » ({ $name }).
    [option] Valeur non valide pour « { web-filter-option } » ({ $name }).
    [basis] Valeur non valide pour « { web-filter-basis } » ({ $name }).
    [member] Valeur non valide pour « { web-filter-member } » ({ $name }).
    [since] Valeur non valide pour « { web-filter-since } » ({ $name }).
    [until] Valeur non valide pour « { web-filter-until } » ({ $name }).
    [votes] Valeur non valide pour « { web-filter-votes } » ({ $name }).
    [sort] Valeur non valide pour « { web-filter-sort } » ({ $name }).
   *[other] Valeur non valide pour « { $name } » : ce lien est incomplet ou altéré ; revenez à la page précédente.
  }

## Discussions
web-discussions-title = Discussions
web-discussions-none = Aucune discussion pour l’instant.
web-discussions-caption = Discussions, de la plus récente à la plus ancienne
web-members-discord = { $n ->
    [1] Part calculée sur le seul membre du serveur.
   *[other] Part calculée sur les { $n } membres du serveur.
  }
web-members-known = { $n ->
    [1] Part calculée sur le seul membre qui a participé.
   *[other] Part calculée sur les { $n } membres qui ont déjà participé.
  }
web-members-unknown = Nombre de membres inconnu.
# The discussion's number: the column shows « # », which a screen reader reads « dièse ».
web-col-number = Numéro
web-col-question = Question
web-col-status = État
web-col-opened = Ouverte
web-col-closes = Clôture
web-col-replies = Réponses
web-col-participants = Participants
web-col-share = Part des membres
web-col-stance = Position
web-col-when = Quand
web-col-who = Qui
web-col-action = Action
web-col-target = Objet
web-status-open = ouverte
web-status-closed = close
web-export-csv = Exporter en CSV
# Le séparateur du CSV : des virgules pour les outils, des points-virgules pour un Excel dont le séparateur de liste est « ; ».
web-export-dialect = Séparateur
web-export-dialect-rfc4180 = Virgule (outils, RFC 4180)
web-export-dialect-excel = Point-virgule (Excel en français)
web-export-jsonl = Exporter en JSONL

## Une discussion
web-discussion-title = Discussion n° { $id }
web-discussion-open-until = Ouverte le { $opened }, clôture le { $closes }.
web-discussion-closed-at = Ouverte le { $opened }, close le { $closed }.
web-discussion-figures = { $participants ->
    [one] { $participants } participant
   *[other] { $participants } participants
  }, { $replies ->
    [one] { $replies } réponse
   *[other] { $replies } réponses
  }
web-discussion-share = { $share } des membres
web-percent = { $percent } %
web-count = { $n }
web-report-publish = Publier le résumé
web-report-unpublish = Retirer le résumé public
web-report-public-at = Résumé public :
web-unpublish-title = Retirer le résumé public ?
web-unpublish-explain = Le lien public cessera aussitôt de fonctionner pour tous ceux qui l’ont reçu ; publier à nouveau donnera un autre lien. L’action est consignée au journal.
web-report-published-badge = public
# $brand: the bot's name (web-brand), marked as French in a page in another language.
web-report-footer = Résumé publié par la modération du serveur avec le bot « { $brand } ». Les citations sont celles des membres ; les membres qui ont refusé l’enregistrement n’y figurent jamais.
web-replies-title = Réponses
web-replies-of = Réponses de la discussion n° { $id }
web-replies-none = Aucune réponse ne correspond.
web-filter-search = Rechercher
web-filter-option = Option
web-filter-basis = Position
web-filter-declared = déclarée
web-filter-inferred = déduite du texte
web-filter-member = Membre (identifiant)
web-filter-since = Depuis le
web-filter-until = Jusqu’au
web-filter-votes = Votes
web-filter-any = toutes
web-filter-with-votes = avec des votes
web-filter-without-votes = sans vote
web-filter-sort = Tri
web-filter-apply = Filtrer
web-filter-clear = Réinitialiser les filtres
web-filter-inferred-unavailable = Les positions déduites viennent du résumé, qui n’est pas disponible pour cette discussion.
# A filter typed wrong: said beside its field, after web-bad-filter.
web-filter-hint-id = Saisissez l’identifiant Discord du membre : des chiffres seulement (sa page dans cette salle l’affiche).
web-filter-hint-date = Saisissez une date sous la forme AAAA-MM-JJ (par exemple 2026-11-23).
web-filter-hint-order = Cette date doit suivre celle de « { web-filter-since } ».
web-filter-hint-search = 200 caractères au plus, sans caractère de contrôle.
web-sort-new = récentes d’abord
web-sort-old = anciennes d’abord
web-sort-votes = plus de votes
web-reply-tombstone = Réponse supprimée ({ $when }).
web-erased-by-discord = supprimée sur Discord
web-erased-by-member = effacée à la demande de son auteur
web-erased-by-staff = effacée par la modération
web-erased-by-retention = effacée par la durée de conservation
web-reply-edited = modifiée le { $when }
web-reply-via-form = via « Répondre »
web-reply-declared = déclare : { $option }
web-reply-inferred = déduit : { $option }
web-reply-history = { $n ->
    [one] { $n } version antérieure
   *[other] { $n } versions antérieures
  }
web-reply-replaced = remplacée le { $when }
# « d’accord » ne varie pas ; ses nombres sont groupés comme tout compte (« 1 234 »).
web-reply-votes = { $agree } d’accord · { $disagree } pas d’accord · { $passed ->
    [one] { $passed } passe
   *[other] { $passed } passent
  }
web-reply-erase = Effacer le texte
# After a reply's links, for screen readers only: which reply they act on.
web-reply-which = (réponse de { $author }, { $when })
# After a summary's link to a quote in Discord, for screen readers only: whose it is.
web-quote-which = (réponse de { $author })
web-erase-title = Effacer le texte de cette réponse ?
web-erase-explain = Le texte, ses versions antérieures et les votes sur cette réponse seront effacés de la base de données, définitivement. L’action est consignée au journal. Le message reste sur Discord.
web-erase-confirm = Effacer définitivement
web-erased-done = Le texte de la réponse { $id } a été effacé.

## Le résumé
web-summary-title = Résumé
web-summary-counts = { $participants ->
    [one] { $participants } participant
   *[other] { $participants } participants
  } · { $replies ->
    [one] { $replies } réponse analysée
   *[other] { $replies } réponses analysées
  }
web-summary-col-option = Option
web-summary-col-declared = Déclarées
web-summary-col-inferred = Déduites du texte
web-summary-col-combined = Total
web-summary-caption = Positions par option
web-summary-leanings = Réponses qui penchent, sans certitude :
web-summary-arguments = Les arguments de chaque camp
web-summary-no-arguments = Aucun argument cité.
web-summary-keywords-of = Mots qui distinguent ce camp :
web-summary-keywords = Mots-clés :
web-summary-unavailable = Le résumé n’a pas pu être calculé ; le reste de la page est à jour.
web-theme-replies = { $n ->
    [one] { $n } réponse
   *[other] { $n } réponses
  }
web-theme-mix = { $n } ({ $declared ->
    [one] { $declared } déclarée
   *[other] { $declared } déclarées
  }, { $inferred ->
    [one] { $inferred } déduite
   *[other] { $inferred } déduites
  })
web-theme-unclear = { $n ->
    [one] { $n } réponse sans position nette (ni déclarée, ni déduite avec assez d’assurance)
   *[other] { $n } réponses sans position nette (ni déclarée, ni déduite avec assez d’assurance)
  }
web-groups-title = Groupes d’opinion
web-groups-from-votes = D’après les votes de { $n ->
        [one] { $n } membre
       *[other] { $n } membres
    } :
web-groups-group = Groupe { $letter } ({ $n ->
    [one] { $n } membre
   *[other] { $n } membres
  })
web-groups-agree = d’accord avec :
web-groups-disagree = pas d’accord avec :
web-groups-consensus = Ce qui rassemble
web-groups-divisive = Ce qui divise
web-groups-profile = { $n ->
    [one] { $n } réponse décrit son auteur plutôt qu’elle n’argumente : tenue hors des groupes.
   *[other] { $n } réponses décrivent leur auteur plutôt qu’elles n’argumentent : tenues hors des groupes.
  }

## Un membre
web-member-title = Membre { $id }
web-member-replies = { $n ->
    [one] réponse conservée
   *[other] réponses conservées
  }
web-member-stances = { $n ->
    [one] position déclarée
   *[other] positions déclarées
  }
web-member-votes = { $n ->
    [one] vote
   *[other] votes
  }
web-member-suggestions = { $n ->
    [one] question proposée
   *[other] questions proposées
  }
web-member-opted-out = a refusé l’enregistrement
web-member-declared = Positions déclarées
web-member-recent = Réponses

## Journal
web-audit-title = Journal des actions
web-audit-local = console locale
# Who erased a member's data from python -m bot forget.
web-audit-cli = ligne de commande
web-audit-setup = configuration
web-audit-pause = programme suspendu
web-audit-resume = programme repris
web-audit-post = question publiée
web-audit-close = discussion close
web-audit-reopen = discussion rouverte
web-audit-extend = discussion prolongée
web-audit-question-add = question ajoutée
web-audit-question-import = questions importées
web-audit-question-remove = question retirée
web-audit-question-edit = question modifiée
web-audit-export = export
web-audit-answer-delete = texte d’une réponse effacé
web-audit-member-data-erased = données d’un membre effacées
web-audit-report-publish = résumé publié
web-audit-report-unpublish = résumé retiré
web-audit-report-names-on = noms affichés dans les résumés publics
web-audit-report-names-off = noms masqués dans les résumés publics
web-audit-suggestion-add = question proposée par un membre
web-audit-suggestion-approve = proposition approuvée
web-audit-suggestion-edit = proposition modifiée
web-audit-suggestion-reject = proposition refusée

## Réglages
web-settings-title = Réglages
web-settings-saved = Réglages enregistrés.
web-settings-report-names = Afficher le nom des membres dans les résumés publics
web-settings-report-names-help = Désactivé par défaut : les résumés publics citent les réponses sans dire qui les a écrites. Les membres qui ont refusé l’enregistrement n’y figurent jamais.
web-search-title = Rechercher dans les réponses
web-search-title-for = « { $query } » — recherche
web-search-label = Mots ou « expression » à trouver
web-search-help = Dans toutes les discussions du serveur, accents et majuscules mis à part ; une expression entre guillemets se cherche telle quelle.
web-search-submit = Rechercher
web-search-found = Réponses trouvées, des plus récentes aux plus anciennes
web-search-none = Aucune réponse ne contient ce qui est cherché.
web-search-window = { $found ->
    [0] Aucune des { $n } réponses lues, les plus récentes, ne contient ce qui est cherché ; les plus anciennes restent à chercher.
   *[other] La recherche a lu les { $n } réponses les plus récentes ; les plus anciennes restent à chercher.
}
web-search-older = Chercher dans les plus anciennes
