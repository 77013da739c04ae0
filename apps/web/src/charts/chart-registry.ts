/**
 * The Chart.js pieces the dashboard uses, registered once when ChartFrame is first imported.
 * Only bar charts with an optional line (thresholds) — no `registerables`, so unused controllers,
 * scales and plugins stay out of the bundle.
 */
import {
  Chart,
  BarController,
  BarElement,
  CategoryScale,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';

Chart.register(
  BarController,
  LineController,
  BarElement,
  LineElement,
  PointElement,
  CategoryScale,
  LinearScale,
  Legend,
  Tooltip,
);
