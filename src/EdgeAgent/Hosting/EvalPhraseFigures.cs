namespace EdgeCc.Agent.Hosting;

/// <summary>One phrase's row of <see cref="EvalFigures"/>.</summary>
internal sealed record EvalPhraseFigures(
    string Phrase,
    int TruePositives,
    int FalseNegatives,
    int FalseAlarms,
    double Precision,
    double Recall,
    double F1,
    double FalseAlarmsPerHour);
