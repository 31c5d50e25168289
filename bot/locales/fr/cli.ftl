# Et vous ? — l’outil d’administration (python -m bot) et les réglages qu’il lit
### Typographie : espace fine insécable (U+202F) avant ; ! ? et », après « ;
### espace insécable (U+00A0) avant : et entre un nombre et son unité (18 h, 50 %).
### Ces espaces sont écrites telles quelles (invisibles) ; tests/test_i18n.py les vérifie.

## Langue, erreurs
cli-error = erreur : { $message }
cli-unexpected = exception inattendue { $kind } : { $detail } (un bogue : merci de le signaler ; ETVOUS_DEBUG=1 affiche la trace)
cli-unknown-language = { $source } : langue inconnue « { $value } » (fr ou en)
cli-in-file = { $file } : { $message }
cli-line = ligne { $line } : { $reason }

## argparse
cli-usage = utilisation :
cli-usage-error = { $prog } : erreur : { $message }
# argparse écrit le deux-points après le titre, donc l’espace insécable qui le précède
# finit le titre (écrite {"\u00A0"} pour rester visible en fin de ligne).
cli-heading-positionals = arguments{"\u00A0"}
cli-heading-options = options{"\u00A0"}
cli-metavar-file = fichier
cli-metavar-env-file = FICHIER
cli-metavar-guild = SERVEUR
cli-metavar-category = CATÉGORIE
cli-metavar-output-file = FICHIER
cli-metavar-output-folder = DOSSIER
cli-metavar-jobs = N
cli-metavar-cache-dir = DOSSIER
cli-metavar-user = MEMBRE
cli-metavar-members = N
cli-metavar-command = COMMANDE
cli-argparse-argument = argument { $argument } : { $message }
cli-argparse-required = arguments obligatoires manquants : { $names }
cli-argparse-command-choices = { $said }, parmi { $commands }
cli-argparse-unrecognized = arguments non reconnus : { $names }
cli-argparse-expected-one = une valeur est attendue
cli-argparse-invalid-choice = choix invalide : { $value } (au choix : { $choices })
cli-argparse-invalid-value = valeur invalide ({ $type }) : { $value }
cli-argparse-ambiguous = option ambiguë : { $option } peut désigner { $matches }
cli-argparse-ignored-explicit = valeur ignorée : { $value } (cette option n’en prend pas)
cli-not-positive = « { $value } » n’est pas un nombre entier positif
cli-not-an-id = « { $value } » n’est pas un identifiant (trop grand)
cli-empty-category = la catégorie est vide : donnez son nom (par ex. cinéma), ou omettez --category pour n’en donner aucune
cli-empty-options = les options sont vides : donnez-les séparées par | (par ex. "Oui|Non|Nuancé"), ou omettez --options pour des options choisies d’après la formulation de chaque question
cli-not-a-port = « { $value } » n’est pas un port (1-65535)

## Aide
cli-description = Et vous ? — le bot de discussions pour Discord et ses outils d’administration.
cli-help-help = afficher cette aide et quitter
cli-help-database-url = remplace DATABASE_URL
cli-help-env-file = lire les réglages dans ce fichier au lieu de ./.env
cli-help-lang = langue des messages, fr ou en (par défaut : ETVOUS_LANG, puis LC_ALL, LC_MESSAGES, LANG ; sinon fr)
cli-help-run = lancer le bot (par défaut)
cli-help-db = entretien de la base de données
cli-help-db-upgrade = migrer vers le dernier schéma
cli-help-questions = la banque de questions d’un serveur
cli-help-questions-import = importer les questions d’un article
cli-help-import-file = un article en UTF-8 avec une section « Et vous ? », ou l’adresse (http ou https) de sa page web
cli-help-guild = identifiant du serveur
cli-help-import-options = options de réponse de chaque question, par ex. "A|B|C" (par défaut, choisies d’après la formulation de chaque question)
cli-help-import-category = la catégorie de chaque question importée, par ex. cinéma
cli-help-questions-list = lister les questions d’un serveur
cli-help-export = exporter les réponses enregistrées
cli-help-export-discussion = une seule discussion
cli-help-export-format = format du fichier (par défaut : jsonl)
cli-help-export-csv-dialect = avec --format csv : rfc4180, des virgules (par défaut : pour les outils, un Excel en anglais), ou excel, des points-virgules (un Excel en français l’ouvre en colonnes) et les identifiants en formules de texte ="…" (Excel les montre entiers, non arrondis après 15 chiffres)
cli-help-export-output = fichier à écrire (par défaut : la sortie standard)
cli-help-analyze = analyser un fichier d’export
cli-help-analyze-file = un export JSONL
cli-help-analyze-format = format du rapport (par défaut : text)
cli-help-analyze-jobs = processus pour l’analyse de chaque discussion (par défaut : un par processeur)
cli-help-analyze-no-themes = sans les thèmes (aucun vecteur de phrase)
cli-help-analyze-cache-dir = où garder les vecteurs des réponses (par défaut : $XDG_CACHE_HOME/etvous, sinon ~/.cache/etvous)
cli-help-analyze-no-cache = ne garder aucun cache de vecteurs
cli-help-forget = effacer les données d’un membre sur un serveur
cli-help-user = identifiant du membre
cli-help-web = servir la salle d’examen seule sur 127.0.0.1, pour un serveur
cli-help-web-port = port (par défaut : WEB_PORT, 8080)
cli-help-demo = faire tourner le bot sur un Discord simulé, hors ligne
cli-help-demo-output = dossier de la base de données, de l’export et des graphiques (par défaut : demo-output)
cli-help-demo-members = combien de membres participent, de 2 à 12 (par défaut : 12)

## Réglages (.env et l’environnement)
cli-env-not-utf8 = ligne { $line } : pas du texte UTF-8, ignorée
cli-env-not-name-value = ligne { $line } : pas une ligne NOM=valeur, ignorée
settings-env-folder = { $file } : un dossier, pas un fichier de réglages
settings-env-missing = { $file } : fichier introuvable
settings-env-unreadable = { $file } : illisible ({ $reason })
settings-env-too-large = { $file } : plus de { NUMBER($max, useGrouping: "true") } octets
settings-not-integer = { $name } doit être un nombre entier, pas { $raw }
settings-not-seconds = { $name } doit être un nombre de secondes (par exemple 8 ou 2.5), pas { $raw }
settings-not-integer-list = { $name } doit être une liste de nombres entiers, pas { $raw }
settings-not-on-off = { $name } doit valoir on ou off, pas { $raw }
settings-web-port = WEB_PORT doit être compris entre 1 et 65535
settings-web-host = WEB_HOST doit être une adresse comme 127.0.0.1
settings-public-url = PUBLIC_URL doit être une adresse http(s) comme https://etvous.example.org
settings-public-url-path = PUBLIC_URL doit être la racine d’un site, sans chemin (https://etvous.example.org) : les pages de la salle d’examen renvoient à / et ne peuvent pas être servies sous { $path }
settings-web-secret = WEB_SECRET doit compter au moins 32 caractères (ou rester vide)
settings-web-host-public = WEB_HOST vaut { $host }, joignable depuis d’autres machines : définissez PUBLIC_URL (l’adresse https du proxy inverse placé devant) ou utilisez 127.0.0.1
settings-web-needs-public-url = la salle d’examen n’écoutera pas sur { $host } sans PUBLIC_URL
settings-database-url = DATABASE_URL doit être une URL SQLAlchemy comme { $example }
settings-database-driver = DATABASE_URL doit commencer par sqlite+aiosqlite:// ou postgresql+asyncpg://, pas { $driver }://
settings-database-port = DATABASE_URL : le port doit être un nombre entre 1 et 65535
settings-database-option = DATABASE_URL : PostgreSQL ne connaît pas l’option « { $option } » (après le ?) : retirez-la, ou prenez-en une qu’il connaît (sslmode, ssl, timeout, command_timeout…)
settings-database-sslmode = DATABASE_URL : sslmode doit valoir { $modes }
settings-log-level = LOG_LEVEL doit valoir { $levels }
settings-log-file = LOG_FILE { $file } ne peut pas être écrit : { $reason }
settings-timezone = DEFAULT_TIMEZONE doit être un fuseau IANA comme Europe/Paris, pas { $value }
settings-language = DEFAULT_LANGUAGE doit valoir { $languages }
settings-shard-ids-alone = SHARD_IDS demande SHARD_COUNT
settings-shard-count = SHARD_COUNT doit valoir au moins 1
settings-shard-ids-range = SHARD_IDS doit être compris entre 0 et { $last }
settings-dev-guild = DEV_GUILD_ID doit être l’identifiant d’un serveur (un nombre positif : mode développeur activé, clic droit sur le serveur, Copier l’identifiant du serveur), pas { $raw }
settings-message-cache = MESSAGE_CACHE_SIZE doit valoir zéro ou plus
settings-stop-flush = STOP_FLUSH_SECONDS doit valoir plus de 0 et au plus { $max } (secondes)
settings-lock-wait = DATABASE_LOCK_WAIT_SECONDS doit valoir plus de 0 et au plus { $max } (secondes)
settings-token-malformed = DISCORD_TOKEN n’est pas un jeton de bot : copiez-le tel quel depuis le Developer Portal (Bot → Reset Token), trois parties reliées par des points, sans guillemets ni « Bot »

## Base de données, lancement
cli-database-folder = DATABASE_URL désigne un emplacement dans { $folder }, qui n’est pas un dossier
cli-database-is-folder = DATABASE_URL désigne le dossier { $path }, pas un fichier de base de données : ajoutez le nom du fichier (sqlite+aiosqlite:///{ $path }/etvous.db)
cli-database-no-file = DATABASE_URL désigne { $path } : ce fichier n’existe pas (le bot le crée à son premier démarrage ; vérifiez le chemin)
cli-database-unusable = DATABASE_URL est inutilisable ({ $kind })
cli-database-unreachable = impossible de joindre la base de données { $url } ({ $kind }) ; vérifiez DATABASE_URL
cli-database-refused = la base de données { $url } a répondu : { $reason } ; vérifiez DATABASE_URL
cli-database-locked = un autre processus tient la base de données { $url } (le bot tourne déjà ? arrêtez-le, ou attendez qu’il ait fini et réessayez)
cli-database-read-only = la base de données { $url } ne peut pas être écrite ({ $reason }) : le bot n’enregistrerait rien ; vérifiez à qui appartient le fichier (ou les droits de l’utilisateur PostgreSQL)
cli-database-newer = la base de données { $url } est à la révision de schéma { $revision }, que cette version du bot ne connaît pas : une version plus récente l’a migrée (lancez celle-ci) ou un autre programme l’a créée (changez DATABASE_URL) ; rien n’a été modifié
cli-token-missing = DISCORD_TOKEN n’est pas défini : mettez-le dans .env (voir .env.example) ou dans l’environnement
cli-database-in-memory = DATABASE_URL ne désigne aucun fichier : une base en mémoire perd tout à l’arrêt (par exemple sqlite+aiosqlite:///etvous.db)
cli-token-refused = Discord a refusé DISCORD_TOKEN : régénérez-le dans le Developer Portal (Bot → Reset Token) et collez le nouveau
cli-discord-unreachable = impossible de joindre Discord ({ $kind }) : vérifiez l’accès de cette machine à discord.com
cli-discord-answered = Discord a répondu par le statut HTTP { $status } à la connexion : réessayez plus tard (https://discordstatus.com)
cli-intent-missing = Discord a refusé la connexion : activez l’intent Message Content dans le Developer Portal (Bot → Privileged Gateway Intents)
cli-discord-shards = Discord a refusé les shards : SHARD_IDS doit être inférieur à SHARD_COUNT, et SHARD_COUNT identique dans chaque processus (voir README, Sharding)
cli-discord-sharding-required = Discord exige le sharding pour autant de serveurs : définissez SHARD_COUNT (voir README, Sharding)
cli-discord-closed = Discord a fermé la connexion pour de bon (code { $code })
cli-db-up-to-date = la base de données { $url } est à jour

## Fichiers
cli-cannot-read = impossible de lire { $path } : { $reason }
cli-cannot-write = impossible d’écrire { $path } : { $reason }
cli-is-a-folder = impossible d’écrire { $path } : c’est un dossier
cli-csv-dialect-not-csv = --csv-dialect { $dialect } vaut pour un export CSV : ajoutez --format csv
cli-cannot-write-output = impossible d’écrire la sortie standard : { $reason }
cli-output-closed = elle est fermée
cli-output-closed-unchanged = elle est fermée, et rien n’a été modifié (pour ne pas garder ce que dit la commande, envoyez-la vers /dev/null)
cli-not-a-folder = { $path } n’est pas un dossier
cli-os-enoent = fichier ou dossier introuvable
cli-os-enotdir = une partie du chemin n’est pas un dossier
cli-os-eisdir = c’est un dossier
cli-os-eacces = permission refusée
cli-os-erofs = le système de fichiers est en lecture seule
cli-os-enospc = plus de place sur le disque
cli-os-enametoolong = le nom est trop long
cli-os-eloop = trop de liens symboliques
cli-os-econnrefused = connexion refusée : rien n’écoute à cette adresse et sur ce port
cli-os-etimedout = pas de réponse à temps
cli-os-ehostunreach = aucune route vers cet hôte
cli-os-econnreset = la connexion a été coupée
cli-net-unknown-host = nom d’hôte inconnu
cli-net-name-lookup = le nom d’hôte n’a pas pu être résolu (serveur de noms injoignable ?)
cli-net-password-refused = mot de passe refusé pour cet utilisateur
cli-cache-skipped = attention : { $reason } : les vecteurs des phrases sont calculés sans leur cache
cli-file-too-large = { $path } : plus de { NUMBER($max, useGrouping: "true") } octets
cli-no-such-file = { $path } : fichier introuvable
cli-import-scheme = { $path } : aucun fichier de ce nom, et seules les adresses http:// et https:// sont lues
cli-not-a-file = { $path } : pas un fichier

## questions import, list
cli-unknown-server = serveur inconnu { $guild } : lancez d’abord /setup (/configurer) sur ce serveur
cli-unknown-discussion = pas de discussion { $discussion } sur le serveur { $guild } (les numéros sont ceux de /answers list (/réponses liste) et de la salle d’examen)
cli-bad-category = catégorie invalide « { $category } » : de 1 à { $max } lettres, chiffres, espaces, - et ’
cli-import-line-not-utf8 = ligne { $line } : pas du texte UTF-8, ignorée
cli-import-line-too-long = ligne { $line } : trop longue, ignorée
cli-import-line-too-long-spaced = ligne { $line } : { $length } caractères avec les espaces insécables que le français met avant les points d’interrogation et d’exclamation, les deux-points et les points-virgules, plus de { $max }, ignorée
cli-import-added = ajoutée n° { $id } : { $text }  [{ $options }]
cli-import-duplicate = ignorée (déjà dans la banque, question n° { $id }) : { $text }
cli-import-repeated = ignorée (posée deux fois dans l’article) : { $text }
cli-import-outside = { $added ->
    [one] la question importée est hors des catégories que le serveur publie ({ $categories }) : le programme ne la publiera pas. Rangez-la dans l’une d’elles sur Discord (/question modifier), ou publiez-la avec /question publier.
   *[other] les questions importées sont hors des catégories que le serveur publie ({ $categories }) : le programme ne les publiera pas. Rangez-les dans l’une d’elles sur Discord (/question modifier), ou publiez-les avec /question publier.
}
cli-import-total = { $added } { $added ->
        [one] ajoutée
       *[other] ajoutées
    }, { $skipped } { $skipped ->
        [one] ignorée
       *[other] ignorées
    }
cli-import-not-utf8 = Le fichier n’est pas du texte UTF-8.
cli-import-too-large = L’article dépasse { NUMBER($max, useGrouping: "true") } octets.
cli-import-no-section = Aucune section « Et vous ? », « And you? » ou « Over to you » trouvée.
cli-import-no-question = La section « { $heading } » ne contient aucune question utilisable.
cli-import-questions-too-long = Toutes les questions dépassent { $max } caractères.
cli-import-questions-too-long-spaced = Avec les espaces insécables que le français met avant les points d’interrogation et d’exclamation, les deux-points et les points-virgules, toutes les questions dépassent { $max } caractères (la plus courte en compte { $length }) : raccourcissez-les un peu.
cli-import-too-many = La section contient plus de { $max } questions : découpez l’article.
cli-import-bad-options = Les options de réponse ne sont pas valides.
cli-import-options-not-list = Les options doivent être une liste d’intitulés, pas une seule chaîne.
cli-import-option-count = Donnez entre { $min } et { $max } options.
cli-import-option-empty = Une option est vide.
cli-import-option-too-long = Une option dépasse { $max } caractères.
cli-import-options-same = Deux options sont identiques.

## export, forget
cli-export-written = { $count } { $count ->
        [one] ligne écrite
       *[other] lignes écrites
    } dans { $path }
cli-forget-done = données du membre { $user } effacées sur le serveur { $guild } ({ $replies } { $replies ->
        [one] réponse
       *[other] réponses
    }, { $suggestions } { $suggestions ->
        [one] proposition
       *[other] propositions
    })
cli-forget-cards = { $cards ->
        [one] la fiche de sa proposition sera retirée
       *[other] les fiches de ses { $cards } propositions seront retirées
    } du salon des propositions au prochain passage du bot

## analyze
cli-export-empty = { $path } : le fichier d’export est vide
cli-not-an-export = { $path } : pas un export : aucune discussion ({ NUMBER($skipped, useGrouping: "true") } { $skipped ->
        [one] ligne ignorée
       *[other] lignes ignorées
    }, la première { $first })
cli-bad-lines-more = { $file } : { NUMBER($more, useGrouping: "true") } { $more ->
        [one] autre ligne incorrecte ignorée
       *[other] autres lignes incorrectes ignorées
    }
cli-progress = calcul des vecteurs des réponses
cli-jsonl-too-long = plus de { NUMBER($max, useGrouping: "true") } octets
cli-jsonl-not-utf8 = pas du texte UTF-8
cli-jsonl-invalid-json = JSON invalide
cli-jsonl-nested = trop profondément imbriquée
cli-jsonl-not-object = pas un objet JSON
cli-jsonl-missing = { $kind } sans { $fields }
cli-jsonl-reaction-value = la valeur d’une réaction doit être -1, 0 ou 1
cli-jsonl-text-type = text doit être une chaîne
cli-jsonl-unknown-type = type inconnu { $kind }
cli-jsonl-options-type = options doit être une liste de chaînes
cli-jsonl-question-type = question doit être une chaîne
cli-jsonl-twice = la discussion { $id } apparaît deux fois
cli-jsonl-reply-twice = la réponse { $id } apparaît deux fois
cli-jsonl-id-type = un identifiant doit être une chaîne ou un entier
cli-jsonl-other = { $detail }
cli-jsonl-orphans = discussion { $id } : { $count } { $count ->
        [one] ligne y renvoie
       *[other] lignes y renvoient
    } mais elle n’est pas dans le fichier

## web
cli-web-unknown-server = aucun serveur { $guild } dans cette base de données : lancez d’abord /setup (/configurer) sur ce serveur, ou vérifiez --guild et DATABASE_URL
cli-web-cannot-listen = la salle d’examen ne peut pas écouter sur { $address } ({ $reason }) : choisissez un autre port avec --port
cli-web-port-taken = la salle d’examen ne peut pas écouter sur { $address } ({ $reason }) : donnez à WEB_PORT un port libre, ou WEB_ENABLED=off
cli-web-login = Salle d’examen du serveur { $guild } : { $url }
cli-web-login-hint = (le lien sert une fois, dans les 10 minutes ; Ctrl+C arrête la salle d’examen)

## demo
cli-demo-needs-simcord = la démo a besoin de SimCord, une dépendance de développement : pip install -e '.[dev]'
cli-demo-server = Serveur « { $server } », forum #{ $forum }, { $members ->
        [one] { $members } membre
       *[other] { $members } membres
    } et { $moderator } (modération).
cli-demo-setup = { $moderator } : /configurer salon:#{ $forum }, puis /question publier
cli-demo-activity = { $replies ->
        [one] { $replies } réponse
       *[other] { $replies } réponses
    } (dont une via « Répondre »), une modifiée, une supprimée, { $reactions ->
        [one] { $reactions } réaction
       *[other] { $reactions } réactions
    }, { $votes ->
        [one] { $votes } vote
       *[other] { $votes } votes
    } sur la carte « Donner mon avis ».
cli-demo-later = … 72 heures plus tard, la discussion se clôt.
cli-demo-export = Export : { $lines ->
        [one] { $lines } ligne
       *[other] { $lines } lignes
    } (discussion, réponses, positions, votes).
cli-demo-left = Laissé dans { $folder }/ :
cli-demo-analyze = Pour analyser l’export : python -m bot analyze { $path }
cli-demo-web = Pour l’ouvrir dans un navigateur (salle d’examen) : python -m bot web --database-url { $url } --guild { $guild }
cli-demo-played = (démo jouée en { NUMBER($seconds, minimumFractionDigits: 1, maximumFractionDigits: 1) } s)
cli-demo-posts = [{ $author }] publie la question :
cli-demo-says = { $author } : { $text }
cli-demo-replying-to = { $author } (en réponse à { $to })
cli-demo-edited = { $text } (modifié)
cli-demo-charts = Graphiques joints : { $names }
cli-demo-timestamp = le { $date } à { $time } UTC

settings-forget-removed = FORGET_REMOVED_SERVERS_DAYS doit valoir de 0 (ne jamais oublier) à { $max } jours
