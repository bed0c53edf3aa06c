// Which component draws each step. A step without one is shown as "not available yet".
import type React from 'react';
import type { StepId } from './steps.js';
import { BuildScreen } from '../screens/build/build-screen.js';
import { BaseScreen } from '../screens/base/base-screen.js';
import { RecipeScreen } from '../screens/recipe/recipe-screen.js';
import { HostChecksScreen } from '../screens/host-checks/host-checks-screen.js';
import { PretendScreen } from '../screens/pretend/pretend-screen.js';
import { ResultScreen } from '../screens/result/result-screen.js';

export const SCREENS: Partial<Record<StepId, React.ComponentType>> = { host: HostChecksScreen, base: BaseScreen, recipe: RecipeScreen, build: BuildScreen, pretend: PretendScreen, result: ResultScreen };
