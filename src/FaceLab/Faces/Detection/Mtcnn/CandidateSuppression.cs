namespace FaceLab.Faces.Detection.Mtcnn;

/// <summary>face-api.js's MTCNN non-maximum suppression: indices kept, best score first.</summary>
internal static class CandidateSuppression
{
    /// <param name="overMinimum">Measure overlap as intersection over the smaller box (O-net stage) instead of IoU.</param>
    public static List<int> Keep(IReadOnlyList<CandidateBox> boxes, IReadOnlyList<float> scores, double threshold, bool overMinimum = false)
    {
        var order = Enumerable.Range(0, boxes.Count).OrderByDescending(i => scores[i]).ToList();
        var kept = new List<int>();
        var done = new bool[boxes.Count];
        foreach (var i in order)
        {
            if (done[i]) continue;
            done[i] = true;
            kept.Add(i);
            var current = boxes[i].ToRect();
            foreach (var j in order)
            {
                if (done[j]) continue;
                var other = boxes[j].ToRect();
                var overlap = overMinimum
                    ? NonMaxSuppression.IntersectionOverMinimum(current, other)
                    : NonMaxSuppression.IntersectionOverUnion(current, other);
                if (overlap > threshold) done[j] = true;
            }
        }
        return kept;
    }
}
