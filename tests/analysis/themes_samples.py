"""Replies written for the themes tests (by the team, not evaluation data)."""

from __future__ import annotations

ENGLISH = {
    "jobs": [
        "Actors and extras will lose their jobs if studios can generate faces.",
        "Thousands of people work on film sets; automation puts their livelihoods at risk.",
        "Unions are right to fight for the jobs of voice actors and stunt doubles.",
        "Studios will cut staff as soon as software can replace the crew.",
        "Workers in dubbing and animation are already being laid off because of AI tools.",
        "Employment in the film industry will shrink and nobody will retrain these people.",
        "My cousin is a camera operator and he is afraid of losing his job to automation.",
        "Technicians and makeup artists deserve protection from being replaced by machines.",
    ],
    "art": [
        "Art needs a human soul; a machine only remixes what already exists.",
        "Creativity comes from lived experience, which software simply does not have.",
        "A film is a vision of its director, not a statistical average of old movies.",
        "Generated scripts feel hollow, without the surprise that real writers bring.",
        "Great cinema is about emotion and intention, things an algorithm cannot feel.",
        "Painters and filmmakers express something personal; generated images express nothing.",
        "The magic of storytelling is human imagination, not pattern matching.",
        "Original ideas come from artists taking risks, not from models trained on the past.",
    ],
    "cost": [
        "Budgets are huge; generated effects could make small productions affordable.",
        "Independent filmmakers could finally compete with big studios on special effects.",
        "Cheaper tools mean more films get financed and more voices get heard.",
        "Visual effects cost millions today; software could cut that bill drastically.",
        "Low-budget directors would save money on sets, lighting and post-production.",
        "Lower production costs would let studios take more risks on new projects.",
        "A student with a laptop could make a feature film without a big budget.",
        "Saving on expensive reshoots would free money for better screenplays.",
    ],
}

ALL_DIFFERENT = [
    "La recette de la tarte aux pommes demande du beurre salé et de la cannelle.",
    "Le championnat de football reprend le mois prochain avec trois nouveaux clubs.",
    "Mon chat dort toute la journée sur le radiateur du salon.",
    "La réforme des retraites a été votée à l'Assemblée hier soir.",
    "Les volcans d'Islande se réveillent après des siècles de calme.",
    "J'ai appris à jouer du piano pendant le confinement.",
    "Le prix de l'essence a encore augmenté cette semaine à la pompe.",
    "Les abeilles disparaissent à cause des pesticides dans les champs.",
    "Ma grand-mère tricote des pulls pour toute la famille chaque hiver.",
    "La nouvelle ligne de tramway ouvrira en septembre dans le centre-ville.",
    "Les astronomes ont découvert une exoplanète semblable à la Terre.",
    "Le festival de jazz accueille des musiciens du monde entier cet été.",
    "Il faut changer les pneus de la voiture avant de partir en montagne.",
    "Les enfants adorent construire des cabanes dans les arbres du jardin.",
    "Le musée du Louvre expose une collection de vases grecs anciens.",
    "La marée basse découvre des rochers couverts de moules et de crabes.",
]

ONE_POINT = [
    f"{opening} les places de cinéma sont trop chères{end}"
    for opening in ("Franchement,", "Pour moi,", "À mon avis,", "Clairement,", "Honnêtement,")
    for end in (".", " !", ", vraiment.", " aujourd'hui.")
]
"""Twenty replies that all make the same point, in the same words."""

SHORT = ["Bonjour à tous !", "+1", "Et vous ?", "Merci !", "Pareil.", "Salut, ça va ?"]
