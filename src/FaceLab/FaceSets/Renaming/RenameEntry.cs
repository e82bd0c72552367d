namespace FaceLab.FaceSets.Renaming;

/// <summary>
/// One planned move of a sort: <paramref name="From"/> (a name in the set's folder) goes to
/// <paramref name="Temp"/> in phase 1 and on to <paramref name="To"/> in phase 2; a trashed face
/// goes straight to <paramref name="To"/> in the trash folder in phase 1. All are plain file names.
/// </summary>
internal sealed record RenameEntry(string From, string Temp, string To, bool ToTrash);

/// <summary>The journal of a sort in progress: the plan and how far it got (phase 1 or 2).</summary>
internal sealed record RenameJournalState(int Version, int Phase, string TrashFolder, List<RenameEntry> Entries);
