using Bot.Telegram.Updates;

namespace Bot.Tests.Telegram;

/// <summary>Who answers a press, decided between its application and the acknowledgement: never both, never neither.</summary>
public sealed class PressAnswersTests
{
    [Fact]
    public void APressBeingApplied_IsLeftToItsApplication()
    {
        var answers = new PressAnswers();

        Assert.False(answers.BeginApplying(1));

        Assert.Empty(answers.BeginAcknowledging([1]));
        Assert.Equal([1L], answers.BeingApplied());
    }

    [Fact]
    public void AnAcknowledgedPress_IsNotAnsweredAgainByItsApplication()
    {
        var answers = new PressAnswers();
        Assert.Equal([1L, 2L], answers.BeginAcknowledging([1, 2]));
        Assert.Equal([1L, 2L], answers.DecideAcknowledging([1, 2]));

        Assert.True(answers.BeginApplying(1));
        Assert.True(answers.BeginApplying(1));
    }

    [Fact]
    public void AnApplicationThatBeginsWhileTheAcknowledgementIsWritten_TakesThePressOver()
    {
        var answers = new PressAnswers();
        answers.BeginAcknowledging([1, 2]);

        Assert.False(answers.BeginApplying(2));

        Assert.Equal([1L], answers.DecideAcknowledging([1, 2]));
        answers.AbandonAcknowledging([2]);
        Assert.Equal([2L], answers.BeingApplied());
    }

    [Fact]
    public void AnAcknowledgementNotCommitted_LeavesThePressToItsApplication()
    {
        var answers = new PressAnswers();
        answers.BeginAcknowledging([1]);
        answers.DecideAcknowledging([1]);

        answers.AbandonAcknowledging([1]);

        Assert.False(answers.BeginApplying(1));
    }

    [Fact]
    public void AnAcknowledgementFoundInTheInbox_AfterARestart_StillStands()
    {
        var answers = new PressAnswers();

        answers.AcknowledgedBefore([7]);

        Assert.True(answers.BeginApplying(7));
        Assert.Empty(answers.BeginAcknowledging([7]));
    }

    [Fact]
    public void AnAppliedPress_IsForgotten()
    {
        var answers = new PressAnswers();
        answers.BeginApplying(1);

        answers.Applied([1]);

        Assert.Empty(answers.BeingApplied());
        Assert.Equal([1L], answers.BeginAcknowledging([1]));
    }
}
