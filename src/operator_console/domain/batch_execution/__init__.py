"""Executing a batch against its pinned master recipe: the step state machine
(:mod:`.progress`), checking each step type's inputs (:mod:`.step_inputs`, :mod:`.phase`)
into :class:`~.verdicts.Verdict` objects, the step record (:mod:`.step_record`) and the
exceptions raised on the way (:mod:`.exceptions`). Pure rules: the store supplies the facts."""
