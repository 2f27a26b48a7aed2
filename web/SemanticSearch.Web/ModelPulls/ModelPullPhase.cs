namespace SemanticSearch.Web.ModelPulls;

/// <summary>Where a pull started from the admin side stands.</summary>
public enum ModelPullPhase
{
    /// <summary>No pull of this model ran in this process and it is not installed.</summary>
    NotStarted,

    /// <summary>Waiting for a free pull slot (pulls run one at a time).</summary>
    Queued,

    /// <summary>Files are being downloaded and verified.</summary>
    Downloading,

    /// <summary>Every file is verified and the folder is in place.</summary>
    Installed,

    /// <summary>The pull stopped on an error; nothing was installed.</summary>
    Failed,

    /// <summary>An admin cancelled it; nothing was installed, the bytes so far are kept so the next pull resumes.</summary>
    Cancelled,
}
