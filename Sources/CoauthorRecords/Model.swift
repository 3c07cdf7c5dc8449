// The record model (`PaperRecord`, `AuthorName`, `PersistentID`, `PaperDate`, `SourceLocation`,
// diagnostics, `RecordSink`, `FlatRecord`, `NameInterner`, `NameParser`, affiliations and countries)
// lives in CoauthorModel, which the graph, algorithms and exports depend on instead of the readers;
// a client of the readers sees it through this module as before.
@_exported import CoauthorModel
