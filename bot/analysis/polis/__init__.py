"""The Pol.is pipeline: opinion groups from agree / disagree / pass votes.

One module a job, in the order the data flows:

* :mod:`.matrix` — the latest vote per (member, reply) as a sparse matrix;
* :mod:`.profile` — replies that describe their author (Pol.is's "meta");
* :mod:`.participation` — who takes part, who is only placed;
* :mod:`.pca` — mean imputation, two principal axes, each member's projection;
* :mod:`.kmeans`, :mod:`.scores` — base clusters, k-means, silhouettes;
* :mod:`.clustering` — members into groups, the choice of k;
* :mod:`.structure` — whether the votes hold any structure ("no clear groups");
* :mod:`.stability` — how each group survives subsamples of the members;
* :mod:`.repness` — what each group stands for;
* :mod:`.consensus`, :mod:`.significance` — what unites the groups, what divides them;
* :mod:`.bridging` — what people agree with across the divide (Community Notes);
* :mod:`.groups` — the whole analysis; :mod:`.result` — what it returns;
* :mod:`.routing` — which reply the voting card shows next;
* :mod:`.standing` — where one member stands among the groups.

Every constant is in :mod:`.settings`; every module speaks the array types
of :mod:`.arrays`.
"""
