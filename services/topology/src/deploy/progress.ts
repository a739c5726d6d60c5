/**
 * Progress of one deploy on `<root>.evt.<cluster>.rollout.progress.<deployId>`: zeekctl-style
 * lines as the steps happen. Published without waiting for an acknowledgement (the events stream
 * keeps them); the reply, not these lines, is the deploy's result.
 */
import { type Bus, encodeJson } from "@zeekbus/bus";
import { envelope, RolloutProgress, type RolloutStep } from "@zeekbus/contracts";

type Status = "started" | "ok" | "failed" | "skipped";

/** Publishes the progress lines of one deploy. */
export class Progress {
  private readonly subject: string;

  constructor(
    private readonly bus: Bus,
    private readonly cluster: string,
    private readonly deployId: string,
  ) {
    this.subject = bus.subjects.evt(cluster, "rollout", "progress", deployId);
  }

  /** One line; `where` names the host or node it concerns. */
  line(
    step: RolloutStep,
    status: Status,
    message: string,
    where: { host?: string; node?: string } = {},
  ): void {
    const data = { deployId: this.deployId, step, status, message, ...where };
    this.bus.nc.publish(this.subject, encodeJson(envelope(RolloutProgress, this.cluster, data)));
  }
}
