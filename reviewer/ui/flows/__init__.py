"""The longer interactions of the window (loading and saving a record, review, citing, the
index), each given a narrow AppContext, not the window."""
